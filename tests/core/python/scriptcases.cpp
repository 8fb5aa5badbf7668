#include "scriptcases.h"

namespace {

const char *const kDoc = R"PY("""add users

Revision ID: 1a2b3c4d5e6f
Revises: 0f1e2d3c4b5a
Create Date: 2024-01-02 03:04:05.000000

"""
)PY";

const char *const kHeader = R"PY(from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
)PY";

const char *const kBody = R"PY(

def upgrade():
    pass


def downgrade():
    pass
)PY";

// Lines 13-16.
const char *const kMeta = R"PY(revision = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
branch_labels = None
depends_on = None
)PY";

const QString kFile = QStringLiteral("1a2b3c4d5e6f_add_users.py");
const QString kId = QStringLiteral("1a2b3c4d5e6f");
const QString kParent = QStringLiteral("0f1e2d3c4b5a");

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items) {
        out << QString::fromUtf8(item);
    }
    return out;
}

} // namespace

QByteArray standardScript(const QByteArray &metadata)
{
    return QByteArray(kDoc) + kHeader + metadata + kBody;
}

QList<ScriptCase> scriptCases()
{
    const QByteArray meta(kMeta);
    const QStringList none;
    const QStringList parent{kParent};
    QList<ScriptCase> cases;

    // Well-formed scripts in the shapes Alembic's templates produce.
    cases << ScriptCase{"generic template",
                        kFile,
                        standardScript(meta),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"annotated (Alembic 1.13 template)",
                        kFile,
                        standardScript(R"PY(from typing import Sequence, Union
revision: str = '1a2b3c4d5e6f'
down_revision: Union[str, None] = '0f1e2d3c4b5a'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"annotated PEP 604 merge",
                        kFile,
                        standardScript(R"PY(from typing import Sequence, Union
revision: str = "1a2b3c4d5e6f"
down_revision: Union[str, Sequence[str], None] = ("0f1e2d3c4b5a", "9e8d7c6b5a4f")
branch_labels: str | tuple[str, ...] | None = ("feature",)
depends_on: str | Sequence[str] | None = "abcdef123456"
)PY"),
                        {},
                        true,
                        kId,
                        list({"0f1e2d3c4b5a", "9e8d7c6b5a4f"}),
                        list({"abcdef123456"}),
                        list({"feature"}),
                        list({"docstring-mismatch@4"}),
                        true};
    cases << ScriptCase{"annotation without value binds nothing",
                        kFile,
                        standardScript(R"PY(revision: str
revision = '1a2b3c4d5e6f'
down_revision: str
down_revision = '0f1e2d3c4b5a'
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"chained assignment",
                        kFile,
                        standardScript(R"PY(revision = REV = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
branch_labels = depends_on = None
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"later assignment wins",
                        kFile,
                        standardScript(R"PY(revision = 'aaaaaaaaaaaa'
down_revision = None
revision = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"assignments in def, class and if are ignored",
                        kFile,
                        standardScript(R"PY(revision = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
def helper():
    revision = 'ffffffffffff'
    down_revision = None
class Meta:
    down_revision = 'eeeeeeeeeeee'
if False:
    revision = 'dddddddddddd'
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"non-literal-metadata@21"}),
                        true};
    cases << ScriptCase{"block before the module-level assignment",
                        kFile,
                        standardScript(R"PY(import os
if os.environ.get('REVSCOPE_NEVER_SET'):
    down_revision = 'cccccccccccc'
revision = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"one-line if body",
                        kFile,
                        standardScript(meta + "if False: down_revision = None\n"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"non-literal-metadata@17"}),
                        true};
    cases << ScriptCase{"match statement body",
                        kFile,
                        standardScript(R"PY(match = 'x'
revision = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
match match:
    case 'y':
        down_revision = None
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"non-literal-metadata@18"}),
                        true};
    cases << ScriptCase{
        "tuple unpacking",
        kFile,
        standardScript("revision, down_revision = '1a2b3c4d5e6f', '0f1e2d3c4b5a'\n"),
        {},
        true,
        kId,
        parent,
        none,
        none,
        none,
        true};
    cases << ScriptCase{"semicolons, continuation, comments",
                        kFile,
                        standardScript(R"PY(revision = '1a2b3c4d5e6f'; down_revision = \
    '0f1e2d3c4b5a'  # parent
branch_labels = None  # none
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"multi-line merge tuple",
                        kFile,
                        standardScript(R"PY(revision = '1a2b3c4d5e6f'
down_revision = (
    '0f1e2d3c4b5a',  # main
    'abcdef123456',  # feature
)
)PY"),
                        {},
                        true,
                        kId,
                        list({"0f1e2d3c4b5a", "abcdef123456"}),
                        none,
                        none,
                        list({"docstring-mismatch@4"}),
                        true};
    cases << ScriptCase{"implicit concatenation and prefixes",
                        kFile,
                        standardScript(R"PY(revision = ('1a2b3c'
            "4d5e6f")
down_revision = u'0f1e2d3c4b5a'
branch_labels = r'''feature'''
depends_on = ["abc" 'def']
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        list({"abcdef"}),
                        list({"feature"}),
                        none,
                        true};
    cases << ScriptCase{"lambda defaults and attributes bind nothing",
                        kFile,
                        standardScript(meta + R"PY(f = lambda down_revision='x': down_revision
op.revision = 'zzz'
x = {}
x['down_revision'] = None
)PY"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"branch labels and dependencies",
                        kFile,
                        standardScript(R"PY(revision = '1a2b3c4d5e6f'
down_revision = None
branch_labels = {'feature', 'feature', 'other'}
depends_on = ['0f1e2d3c4b5a', 'abcdef123456']
)PY"),
                        {},
                        true,
                        kId,
                        none,
                        list({"0f1e2d3c4b5a", "abcdef123456"}),
                        list({"feature", "other"}),
                        list({"docstring-mismatch@4"}),
                        true};
    cases << ScriptCase{"falsy down_revision is a base",
                        kFile,
                        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = ()\n"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"docstring-mismatch@4"}),
                        true};
    cases << ScriptCase{"empty string down_revision is a base",
                        kFile,
                        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = ''\n"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"docstring-mismatch@4"}),
                        true};

    // Docstrings that agree with the variables in other spellings.
    cases << ScriptCase{"docstring with Revises: None",
                        kFile,
                        R"PY("""first

Revision ID: 1a2b3c4d5e6f
Revises: None
Create Date: 2024-01-02 03:04:05

"""
revision = '1a2b3c4d5e6f'
down_revision = None
)PY",
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"docstring with empty Revises",
                        kFile,
                        R"PY("""first

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2024-01-02 03:04:05

"""
revision = '1a2b3c4d5e6f'
down_revision = None
)PY",
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{
        "docstring merge in another order",     kFile, R"PY("""merge

Revision ID: 1a2b3c4d5e6f
Revises: bbbbbbbbbbbb, aaaaaaaaaaaa
"""
revision = '1a2b3c4d5e6f'
down_revision = ('aaaaaaaaaaaa', 'bbbbbbbbbbbb')
)PY", {},   true, kId,
        list({"aaaaaaaaaaaa", "bbbbbbbbbbbb"}), none,  none,          none, true};
    cases << ScriptCase{"docstring disagrees",
                        kFile,
                        R"PY("""copied

Revision ID: 999999999999
Revises: 888888888888
"""
revision = '1a2b3c4d5e6f'
down_revision = '0f1e2d3c4b5a'
)PY",
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"docstring-mismatch@3", "docstring-mismatch@4"}),
                        true};

    // Values Revscope cannot know without running Python.
    cases << ScriptCase{"non-literal down_revision",
                        kFile,
                        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = OTHER_REV\n"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"non-literal-metadata@14"}),
                        false};
    cases << ScriptCase{"value from a try/except block",
                        kFile,
                        standardScript(R"PY(try:
    from revscope_no_such_module import PARENT
except ImportError:
    PARENT = None
revision = '1a2b3c4d5e6f'
down_revision = PARENT
)PY"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"non-literal-metadata@18"}),
                        true};
    cases << ScriptCase{"imported down_revision",
                        kFile,
                        standardScript("from .base import down_revision\nrevision = "
                                       "'1a2b3c4d5e6f'\n"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"non-literal-metadata@13"}),
                        false};
    cases << ScriptCase{"computed revision",
                        kFile,
                        standardScript(R"PY(import uuid
revision = uuid.uuid4().hex[:12]
down_revision = '0f1e2d3c4b5a'
)PY"),
                        {},
                        false,
                        QString(),
                        parent,
                        none,
                        none,
                        list({"non-literal-metadata@14"}),
                        false};
    cases << ScriptCase{"f-string revision",
                        kFile,
                        standardScript("revision = f'1a2b3c4d5e6f'\ndown_revision = None\n"),
                        {},
                        false,
                        QString(),
                        none,
                        none,
                        none,
                        list({"non-literal-metadata@13", "docstring-mismatch@4"}),
                        false};
    cases << ScriptCase{"augmented assignment",
                        kFile,
                        standardScript(meta + "revision += 'x'\n"),
                        {},
                        false,
                        QString(),
                        parent,
                        none,
                        none,
                        list({"non-literal-metadata@17"}),
                        false};
    cases << ScriptCase{"assignment expression",
                        kFile,
                        standardScript(meta + "(down_revision := 'abcdef123456')\n"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"non-literal-metadata@17"}),
                        false};

    // What Alembic itself refuses or mangles.
    cases << ScriptCase{"legacy id from the file name",
                        QStringLiteral("abc123.py"),
                        standardScript("down_revision = None\n"),
                        {},
                        true,
                        QStringLiteral("abc123"),
                        none,
                        none,
                        none,
                        list({"docstring-mismatch@4"}),
                        true};
    cases << ScriptCase{"no revision variable",
                        QStringLiteral("add_users.py"),
                        standardScript("down_revision = None\n"),
                        {},
                        false,
                        QString(),
                        none,
                        none,
                        none,
                        list({"unparsable-script@0"}),
                        true};
    cases << ScriptCase{"no down_revision",
                        kFile,
                        standardScript("revision = '1a2b3c4d5e6f'\n"),
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@0"}),
                        true};
    cases << ScriptCase{"down_revision deleted",
                        kFile,
                        standardScript(meta + "del down_revision\n"),
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@0"}),
                        true};
    cases << ScriptCase{"star import cannot stand in for down_revision",
                        kFile,
                        standardScript("from .common import *\nrevision = '1a2b3c4d5e6f'\n"),
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@0"}),
                        false};
    cases << ScriptCase{"dash in revision id",
                        QStringLiteral("1a2b-3c4d_add_users.py"),
                        standardScript("revision = '1a2b-3c4d'\ndown_revision = '0f1e2d3c4b5a'\n"),
                        {},
                        true,
                        QStringLiteral("1a2b-3c4d"),
                        parent,
                        none,
                        none,
                        list({"invalid-revision-id@13", "docstring-mismatch@3"}),
                        true};
    cases << ScriptCase{"at and plus in revision id",
                        QStringLiteral("a@b+c_add_users.py"),
                        standardScript("revision = 'a@b+c'\ndown_revision = '0f1e2d3c4b5a'\n"),
                        {},
                        true,
                        QStringLiteral("a@b+c"),
                        parent,
                        none,
                        none,
                        list({"invalid-revision-id@13", "docstring-mismatch@3"}),
                        true};
    cases << ScriptCase{"empty revision id",
                        kFile,
                        standardScript("revision = ''\ndown_revision = '0f1e2d3c4b5a'\n"),
                        {},
                        false,
                        QString(),
                        parent,
                        none,
                        none,
                        list({"invalid-revision-id@13"}),
                        true};
    cases << ScriptCase{"integer revision id",
                        kFile,
                        standardScript("revision = 123\ndown_revision = '0f1e2d3c4b5a'\n"),
                        {},
                        false,
                        QString(),
                        parent,
                        none,
                        none,
                        list({"invalid-revision-id@13"}),
                        true};
    cases << ScriptCase{"None revision id",
                        kFile,
                        standardScript("revision = None\ndown_revision = '0f1e2d3c4b5a'\n"),
                        {},
                        false,
                        QString(),
                        parent,
                        none,
                        none,
                        list({"invalid-revision-id@13"}),
                        true};
    cases << ScriptCase{"integer down_revision",
                        kFile,
                        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = 5\n"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"invalid-revision-id@14", "docstring-mismatch@4"}),
                        true};
    cases << ScriptCase{"non-string item in down_revision",
                        kFile,
                        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = "
                                       "('0f1e2d3c4b5a', 5)\n"),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"invalid-revision-id@14"}),
                        false};
    cases << ScriptCase{"None inside a one-item list is a base",
                        kFile,
                        standardScript("revision = '1a2b3c4d5e6f'\ndown_revision = [None]\n"),
                        {},
                        true,
                        kId,
                        none,
                        none,
                        none,
                        list({"invalid-revision-id@14", "docstring-mismatch@4"}),
                        true};

    // file_template.
    cases << ScriptCase{"file name without the id",
                        QStringLiteral("deadbeef0000_add_users.py"),
                        standardScript(meta),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"filename-mismatch@13"}),
                        true};
    cases << ScriptCase{"file name with a longer id",
                        QStringLiteral("1a2b3c4d5e6f0_add.py"),
                        standardScript(meta),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"filename-mismatch@13"}),
                        true};
    cases << ScriptCase{"empty slug fits",
                        QStringLiteral("1a2b3c4d5e6f_.py"),
                        standardScript(meta),
                        {},
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"dated template fits",
                        QStringLiteral("2024_01_02_1a2b3c4d5e6f_add_users.py"),
                        standardScript(meta),
                        QStringLiteral("%(year)d_%(month).2d_%(day).2d_%(rev)s_%(slug)s"),
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"dated template mismatch",
                        kFile,
                        standardScript(meta),
                        QStringLiteral("%(year)d_%(month).2d_%(day).2d_%(rev)s_%(slug)s"),
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        list({"filename-mismatch@13"}),
                        true};
    cases << ScriptCase{"epoch template fits",
                        QStringLiteral("1704164645_1a2b3c4d5e6f.py"),
                        standardScript(meta),
                        QStringLiteral("%(epoch)s_%(rev)s"),
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"template without rev is not checked",
                        QStringLiteral("whatever.py"),
                        standardScript(meta),
                        QStringLiteral("%(slug)s"),
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};
    cases << ScriptCase{"template with a path separator is not checked",
                        QStringLiteral("whatever.py"),
                        standardScript(meta),
                        QStringLiteral("%(year)d/%(rev)s_%(slug)s"),
                        true,
                        kId,
                        parent,
                        none,
                        none,
                        none,
                        true};

    // Files Python cannot compile.
    cases << ScriptCase{"unterminated string",
                        kFile,
                        standardScript(meta) + "\n\ndef broken():\n    return 'abc\n",
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@28"}),
                        true};
    cases << ScriptCase{"unterminated docstring",
                        kFile,
                        "\"\"\"add users\n\nrevision = '1a2b3c4d5e6f'\ndown_revision = None\n",
                        {},
                        false,
                        QString(),
                        none,
                        none,
                        none,
                        list({"unparsable-script@1"}),
                        true};
    cases << ScriptCase{"unclosed bracket",
                        kFile,
                        standardScript(meta + "x = dict(\n    a=1,\n"),
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@17"}),
                        true};
    cases << ScriptCase{"unexpected indent",
                        kFile,
                        standardScript(meta + "    extra = 1\n"),
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@17"}),
                        true};
    cases << ScriptCase{"missing indented block",
                        kFile,
                        standardScript(meta + "if True:\nx = 1\n"),
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@18"}),
                        true};
    cases << ScriptCase{"truncated \\x escape in upgrade()",
                        kFile,
                        standardScript(meta) + "\n\ndef more():\n    return 'C:\\xyz'\n",
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@28"}),
                        true};
    cases << ScriptCase{"non-ASCII bytes literal",
                        kFile,
                        standardScript(meta + "x = b'caf\xc3\xa9'\n"),
                        {},
                        false,
                        kId,
                        none,
                        none,
                        none,
                        list({"unparsable-script@17"}),
                        true};
    cases << ScriptCase{"mixed bytes and str docstring",
                        kFile,
                        "'doc' b'x'\nrevision = '1a2b3c4d5e6f'\ndown_revision = None\n",
                        {},
                        false,
                        QString(),
                        none,
                        none,
                        none,
                        list({"unparsable-script@1"}),
                        true};
    cases << ScriptCase{"binary file named .py",
                        kFile,
                        QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
                        {},
                        false,
                        QString(),
                        none,
                        none,
                        none,
                        list({"unparsable-script@3"}),
                        true};
    cases << ScriptCase{"invalid UTF-8",
                        kFile,
                        "revision = '1a2b3c4d5e6f'\ndown_revision = '\xff'\n",
                        {},
                        false,
                        QString(),
                        none,
                        none,
                        none,
                        list({"unparsable-script@2"}),
                        true};

    // Encodings and line endings.
    QByteArray crlf = standardScript(meta);
    crlf.replace("\n", "\r\n");
    cases << ScriptCase{
        "BOM and CRLF", kFile, "\xef\xbb\xbf" + crlf, {}, true, kId, parent, none, none,
        none,           true};
    QByteArray cr = standardScript(meta);
    cr.replace("\n", "\r");
    cases << ScriptCase{
        "old Mac line endings", kFile, cr, {}, true, kId, parent, none, none, none, true};
    cases << ScriptCase{
        "PEP 263 latin-1",
        kFile,
        "# -*- coding: latin-1 -*-\n\"\"\"caf\xe9\n\nRevision ID: 1a2b3c4d5e6f\n\"\"\"\n"
        "revision = '1a2b3c4d5e6f'\ndown_revision = '0f1e2d3c4b5a'\n",
        {},
        true,
        kId,
        parent,
        none,
        none,
        none,
        true};
    return cases;
}
