#include "TrackPanel.h"

#include "ThemeColors.h"
#include "Wording.h"
#include "rows/PlatformTables.h"
#include "rows/RowValues.h"

#include <QBoxLayout>
#include <QDateTime>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cc::ui {

namespace {
QString cell(const Row* row, const QString& column)
{
    if (!row)
        return QStringLiteral("—");
    const QVariant value = row->value(column);
    if (value.isNull() || !value.isValid())
        return QStringLiteral("NULL");
    switch (value.metaType().id()) {
    case QMetaType::QDateTime:
        return QLocale().toString(value.toDateTime().toLocalTime(), QLocale::ShortFormat);
    case QMetaType::Bool:
        return value.toBool() ? QCoreApplication::translate("TrackPanel", "yes")
                              : QCoreApplication::translate("TrackPanel", "no");
    case QMetaType::Int:
    case QMetaType::LongLong:
        return QLocale().toString(value.toLongLong()); // 207 431 in Hungarian
    default:
        break;
    }
    // SQLite keeps timestamps as text ("2025-07-13 22:02:00"); show them as PostgreSQL's are shown.
    static const QRegularExpression timestamp(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?$"));
    QString text = value.toString();
    if (timestamp.match(text).hasMatch()) {
        const QDateTime at = QDateTime::fromString(QString(text).replace(u' ', u'T'), Qt::ISODate);
        if (at.isValid())
            return QLocale().toString(at, QLocale::ShortFormat);
    }
    return text;
}

// Every distinct stored id of a side's rows without char(n) pad spaces, in row order: {"PLAYER"}, or
// {"PLAYER", "GANCUJU_PLAYER"} when the side's own rows disagree.
QStringList storedIds(const QList<Row>& rows, const QString& column)
{
    QStringList ids;
    for (const Row& row : rows) {
        QString id = row.value(column).toString();
        while (id.endsWith(u' '))
            id.chop(1);
        if (!ids.contains(id))
            ids << id;
    }
    return ids;
}
} // namespace

TrackPanel::TrackPanel(const TrackView& view, const ConsoleInfo& info, QWidget* parent)
    : QFrame(parent)
    , m_view(view)
{
    setObjectName(QStringLiteral("trackPanel_") + view.rows.key.track);
    setFrameShape(QFrame::StyledPanel);
    setProperty("currentTrack", false);
    ThemeColors::setStyleSheet(this, [] {
        return QStringLiteral(
            "cc--ui--TrackPanel { background: %1; border: 1px solid %2; border-radius: 8px; }"
            "cc--ui--TrackPanel[currentTrack=\"true\"] { border: 2px solid %3; }")
            .arg(ThemeColors::card().name(), ThemeColors::cardBorder().name(), ThemeColors::accent().name());
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);

    const bool staff = view.classification.staffCredential;
    layout->addLayout(buildHeader());

    auto* body = new QBoxLayout(QBoxLayout::LeftToRight);
    m_body = body;
    buildFields();
    body->addWidget(m_fields, 3);

    body->addLayout(buildSide(info), 2);
    layout->addLayout(body);

    if (staff)
        return; // nothing to repair (docs/BEHAVIOUR.md C2)
    addButton(QStringLiteral("syncProgressToLicense"), tr("Sync progress → license"), Action::SyncOne,
        Request::SyncProgressToLicense, info);
    addButton(QStringLiteral("syncLicenseToProgress"), tr("Sync license → progress"), Action::SyncOne,
        Request::SyncLicenseToProgress, info);
    addButton(QStringLiteral("syncTowardHigher"), tr("Sync toward higher"), Action::SyncOne,
        Request::SyncTowardHigher, info);
    addButton(QStringLiteral("setLevelButton"), tr("Set level…"), Action::SetLevel, Request::SetLevel, info);
    m_buttonGrid = new QGridLayout;
    layout->addLayout(m_buttonGrid);
    placeButtons(4);
}

// The track's name and its state (consistent, the violation, or a staff credential).
QHBoxLayout* TrackPanel::buildHeader()
{
    const KeyClassification& classification = m_view.classification;
    auto* header = new QHBoxLayout;
    auto* title = new QLabel(m_view.rows.key.track, this);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    title->setFont(bold);
    const bool consistent = !classification.violation.has_value();
    const bool staff = classification.staffCredential;
    auto* state = new QLabel(staff ? tr("Staff credential")
            : consistent           ? tr("Consistent")
                                   : Wording::kind(classification.violation->name()),
        this);
    state->setObjectName(QStringLiteral("trackState"));
    const QColor stateColour = staff ? ThemeColors::accent()
        : consistent                 ? ThemeColors::healthy()
                                     : ThemeColors::critical();
    state->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; border-radius: 9px; padding: 2px 10px; }")
            .arg(stateColour.name(), ThemeColors::textOn(stateColour).name()));
    header->addWidget(title);
    header->addWidget(state);
    header->addStretch();
    return header;
}

// Progress beside license, field by field (fillFields).
void TrackPanel::buildFields()
{
    m_fields = new QTableWidget(this);
    m_fields->setObjectName(QStringLiteral("trackFields"));
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->setSelectionMode(QAbstractItemView::NoSelection);
    // One Tab stop: Tab moves on to the buttons (it used to walk all 24 cells); arrows move inside.
    m_fields->setTabKeyNavigation(false);
    m_fields->setColumnCount(2);
    m_fields->setHorizontalHeaderLabels({ tr("Progress"), tr("License") });
    m_fields->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_fields->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_fields->verticalHeader()->setDefaultSectionSize(m_fields->fontMetrics().height() + 6);
    fillFields();
    ThemeColors::onThemeChange(this, [this] { recolourFields(); });
    m_fields->setMinimumWidth(420);
    m_fields->setFixedHeight(m_fields->horizontalHeader()->height()
        + m_fields->rowCount() * m_fields->verticalHeader()->defaultSectionSize() + 4);
}

// The justified and next level, and the findings.
QVBoxLayout* TrackPanel::buildSide(const ConsoleInfo& info)
{
    auto* side = new QVBoxLayout;
    const bool staff = m_view.classification.staffCredential;
    const int max = info.maxLevels.value(m_view.rows.key.track, 0);
    auto* justified = new QLabel(this);
    justified->setObjectName(QStringLiteral("justifiedLevel"));
    justified->setText(m_view.justifiedLevel > 0
            ? tr("Justified level: %1 of %2").arg(m_view.justifiedLevel).arg(max)
            : tr("Justified level: not computable"));
    side->addWidget(justified);
    auto* next = new QLabel(this);
    next->setObjectName(QStringLiteral("nextLevel"));
    next->setWordWrap(true);
    if (m_view.nextLevel) {
        QString text = tr("Next level %1 “%2”: %3 XP, %4 sessions")
                           .arg(m_view.nextLevel->level)
                           .arg(m_view.nextLevel->name, QLocale().toString(m_view.nextLevel->xp),
                               QLocale().toString(m_view.nextLevel->sessions));
        if (m_view.nextLevel->theoryHours > 0 || m_view.nextLevel->practiceHours > 0)
            text += tr(", %1 theory h, %2 practice h")
                        .arg(m_view.nextLevel->theoryHours)
                        .arg(m_view.nextLevel->practiceHours);
        next->setText(text);
    } else {
        next->setText(max > 0 ? tr("Highest level reached.") : tr("Unknown track: no level catalogue."));
    }
    side->addWidget(next);
    // Levels to earn concern a learner; a staff credential has no progress to justify.
    justified->setVisible(!staff);
    next->setVisible(!staff);
    m_findings = new QLabel(this);
    m_findings->setObjectName(QStringLiteral("trackFindings"));
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::RichText);
    m_findings->setText(findingsHtml());
    side->addWidget(m_findings);
    side->addStretch();
    return side;
}

QString TrackPanel::findingsHtml() const
{
    const KeyClassification& classification = m_view.classification;
    const bool staff = classification.staffCredential;
    QStringList findings;
    if (classification.violation)
        findings << QStringLiteral("<b style=\"color:%1\">%2</b>: %3 — %4")
                        .arg(ThemeColors::critical().name(),
                            Wording::kind(classification.violation->name()).toHtmlEscaped(),
                            Wording::reason(*classification.violation).toHtmlEscaped(),
                            Wording::recommendedAction(classification.violation->action).toHtmlEscaped());
    for (const Finding& warning : classification.warnings)
        findings << QStringLiteral("<b style=\"color:%1\">%2</b>: %3")
                        .arg(ThemeColors::degraded().darker(115).name(),
                            Wording::kind(warning.name()).toHtmlEscaped(),
                            Wording::reason(warning).toHtmlEscaped());
    if (staff)
        findings << tr("Teaching credential, not a pair: staff hold this license without progress by design. "
                       "It is not checked, not counted in the rate and never repaired.")
                        .toHtmlEscaped();
    return findings.isEmpty() ? tr("No violations or warnings.") : findings.join(QStringLiteral("<br>"));
}

void TrackPanel::placeButtons(int columns)
{
    for (int request = 0; request < int(m_buttons.size()); ++request) {
        m_buttonGrid->removeWidget(m_buttons.value(request));
        m_buttonGrid->addWidget(m_buttons.value(request), request / columns, request % columns);
    }
    m_buttonGrid->setColumnStretch(columns, 1);
    m_buttonGrid->setColumnStretch(columns == 4 ? 2 : 4, 0);
}

void TrackPanel::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    // Narrow (a 1024 px window): the findings go below the two sides instead of off-screen beside them.
    const bool narrow = width() < narrowWidth;
    m_body->setDirection(narrow ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    if (m_buttonGrid) // and the four writes in two rows
        placeButtons(narrow ? 2 : 4);
}

QPushButton* TrackPanel::addButton(
    const QString& objectName, const QString& text, Action action, Request request, const ConsoleInfo& info)
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    const auto allowed = info.allows(action);
    button->setEnabled(allowed.ok() && info.maxLevels.contains(m_view.rows.key.track));
    if (!allowed.ok())
        button->setToolTip(Wording::refusal(allowed.error()));
    else if (!info.maxLevels.contains(m_view.rows.key.track))
        button->setToolTip(tr("Not available: the track is not in the level catalogue (manual review)"));
    connect(button, &QPushButton::clicked, this, [this, request] { emit requested(request); });
    m_buttons.insert(int(request), button);
    return button;
}

void TrackPanel::setCurrent(bool current)
{
    if (isCurrent() == current)
        return;
    setProperty("currentTrack", current);
    style()->unpolish(this); // the style sheet's [currentTrack="true"] rule
    style()->polish(this);
    update();
}

// The ids as stored, pad spaces removed (docs/BEHAVIOUR.md C3 spelling_mismatch): the platform compares
// raw strings, so two spellings of one track are two orphans to it. True when the sides differ.
bool TrackPanel::showSpellings(const QString& progressColumn, const QString& licenseColumn,
    QTableWidgetItem* left, QTableWidgetItem* right) const
{
    const QStringList progressIds = storedIds(m_view.rows.progress, progressColumn);
    const QStringList licenseIds = storedIds(m_view.rows.licenses, licenseColumn);
    left->setText(progressIds.isEmpty() ? QStringLiteral("—") : progressIds.join(QStringLiteral(", ")));
    right->setText(licenseIds.isEmpty() ? QStringLiteral("—") : licenseIds.join(QStringLiteral(", ")));
    QStringList all = progressIds + licenseIds;
    all.removeDuplicates();
    const bool differs = !progressIds.isEmpty() && !licenseIds.isEmpty() && all.size() > 1;
    if (differs) {
        const QString tip = tr("The two sides store this track under different spellings; the platform "
                               "compares them as stored and sees two unrelated tracks.");
        left->setToolTip(tip);
        right->setToolTip(tip);
    }
    return differs;
}

// A license whose highest level reached is below its current level.
void TrackPanel::markMaxBelowLevel(const Row& license, QTableWidgetItem* item)
{
    const auto max = rowInt(license, column::maxAchievedLevel);
    const auto current = rowInt(license, column::currentLevel);
    if (max && current && *max < *current) {
        item->setBackground(ThemeColors::differs());
        item->setData(Qt::UserRole, true);
    }
}

void TrackPanel::markDiffering(QTableWidgetItem* left, QTableWidgetItem* right)
{
    for (QTableWidgetItem* item : { left, right }) {
        item->setBackground(ThemeColors::differs());
        item->setData(Qt::UserRole, true);
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
    }
}

void TrackPanel::fillFields()
{
    const Row* progress = m_view.rows.keptProgress();
    const Row* license = m_view.rows.keptLicense();
    struct Field {
        QString label;
        QString progressColumn;
        QString licenseColumn;
        bool compare;
    };
    const QList<Field> fields = {
        { tr("Rows"), {}, {}, true },
        { tr("Stored id"), column::specializationId, column::specializationType, true },
        { tr("Level"), column::currentLevel, column::currentLevel, true },
        { tr("Max achieved"), {}, column::maxAchievedLevel, false },
        { tr("XP"), column::totalXp, {}, false },
        { tr("Sessions"), column::completedSessions, {}, false },
        { tr("Projects"), column::completedProjects, {}, false },
        { tr("Theory hours"), column::theoryHoursCompleted, {}, false },
        { tr("Practice hours"), column::practiceHoursCompleted, {}, false },
        { tr("Started / created"), column::createdAt, column::startedAt, false },
        { tr("Last activity / advanced"), column::lastActivity, column::lastAdvancedAt, false },
        { tr("Updated"), column::updatedAt, column::updatedAt, false },
    };
    m_fields->setRowCount(int(fields.size()));
    QStringList labels;
    for (int i = 0; i < fields.size(); ++i) {
        const Field& field = fields.at(i);
        labels << field.label;
        QString left;
        QString right;
        if (field.label == tr("Rows")) {
            left = QString::number(m_view.rows.progress.size());
            right = QString::number(m_view.rows.licenses.size());
        } else {
            left = field.progressColumn.isEmpty() ? QString() : cell(progress, field.progressColumn);
            right = field.licenseColumn.isEmpty() ? QString() : cell(license, field.licenseColumn);
        }
        auto* leftItem = new QTableWidgetItem(left);
        auto* rightItem = new QTableWidgetItem(right);
        // A staff credential has no progress side by design: nothing to compare.
        bool differs = field.compare && !m_view.classification.staffCredential && left != right;
        if (field.label == tr("Rows"))
            differs = field.compare && !m_view.classification.staffCredential
                && (m_view.rows.progress.size() != 1 || m_view.rows.licenses.size() != 1);
        if (field.progressColumn == column::specializationId)
            differs = showSpellings(field.progressColumn, field.licenseColumn, leftItem, rightItem);
        if (field.licenseColumn == column::maxAchievedLevel && license)
            markMaxBelowLevel(*license, rightItem);
        if (differs)
            markDiffering(leftItem, rightItem);
        m_fields->setItem(i, 0, leftItem);
        m_fields->setItem(i, 1, rightItem);
    }
    m_fields->setVerticalHeaderLabels(labels);
}

void TrackPanel::recolourFields()
{
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        for (int column = 0; column < m_fields->columnCount(); ++column) {
            QTableWidgetItem* item = m_fields->item(row, column);
            if (item && item->data(Qt::UserRole).toBool())
                item->setBackground(ThemeColors::differs());
        }
    }
}

QStringList TrackPanel::differingFields() const
{
    QStringList result;
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        if (m_fields->item(row, 0)->data(Qt::UserRole).toBool())
            result << m_fields->verticalHeaderItem(row)->text();
    }
    return result;
}

} // namespace cc::ui
