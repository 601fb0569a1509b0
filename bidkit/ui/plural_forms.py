"""English plural forms for the window's counted messages: "1 item missing", "3 items missing".

A counted message is written once with Qt's `%n`, as `self.tr("%n item(s) missing", "", n)`;
its English singular and plural come from `resources/translations/bidkit_en.qm`, compiled from
`bidkit_en.ts`. After adding or changing a counted message, refresh the file and fill in the
two forms of the new entries:

    pyside6-lupdate -pluralonly -no-obsolete -locations none -source-language en \
        -target-language en <the files with %n> -ts resources/translations/bidkit_en.ts
    pyside6-lrelease resources/translations/bidkit_en.ts -qm resources/translations/bidkit_en.qm

A test checks that every counted message has its forms. Without the file Qt shows the
"item(s)" wording, which still reads correctly.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from bidkit.resources import resource_path

PLURAL_FORMS = ("translations", "bidkit_en.qm")


def install_plural_forms(app: QCoreApplication) -> QTranslator | None:
    """Load the English plural forms into `app`; None when the file is missing or unreadable."""
    translator = QTranslator(app)
    if not translator.load(str(resource_path(*PLURAL_FORMS))):
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator
