#include "database/StoredBoolean.h"

namespace cc {

bool isStoredTrue(const QVariant& value)
{
    if (value.isNull())
        return false;
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return value.toLongLong() == 1;
    case QMetaType::Double:
        return value.toDouble() == 1.0;
    case QMetaType::QString: {
        const QString text = value.toString();
        return text == u"1" || text == u"t" || text == u"true";
    }
    default:
        return false;
    }
}

} // namespace cc
