#include "details/pythonhighlighter.h"
#include "details/sourcepreview.h"
#include "palettes.h"
#include "testsupport.h"

#include <QApplication>
#include <QScrollBar>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace Revscope;

using TestSupport::darkPalette;

namespace {

QByteArray numberedLines(int count)
{
    QByteArray content;
    for (int i = 1; i <= count; ++i) {
        content += "value_" + QByteArray::number(i) + " = " + QByteArray::number(i) + "\n";
    }
    return content;
}

int lastVisibleBlock(const SourcePreview &preview)
{
    // The block at the viewport's bottom edge.
    const QTextCursor bottom =
        preview.cursorForPosition(QPoint(0, preview.viewport()->height() - 1));
    return bottom.blockNumber();
}

int firstVisibleBlock(const SourcePreview &preview)
{
    return preview.cursorForPosition(QPoint(0, 1)).blockNumber();
}

} // namespace

class TestSourcePreview : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void scrollsToAndMarksLine_data()
    {
        QTest::addColumn<int>("line");
        QTest::newRow("far down") << 250;
        QTest::newRow("last") << 400;
        QTest::newRow("first") << 1;
    }

    void scrollsToAndMarksLine()
    {
        QFETCH(int, line);
        const QString path = m_dir.filePath(QStringLiteral("long.py"));
        QVERIFY(TestSupport::writeFile(path, numberedLines(400)));
        SourcePreview preview;
        preview.resize(600, 300);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QVERIFY(preview.showFile(path, line));
        QVERIFY(preview.message().isEmpty());
        QCOMPARE(preview.filePath(), path);
        QCOMPARE(preview.markedLine(), line);
        QCOMPARE(preview.blockCount(), 401);
        QVERIFY(preview.isReadOnly());
        QTRY_VERIFY(firstVisibleBlock(preview) <= line - 1);
        QVERIFY2(lastVisibleBlock(preview) >= line - 1,
                 qPrintable(QString::number(lastVisibleBlock(preview))));
        const QList<QTextEdit::ExtraSelection> marks = preview.extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.first().cursor.blockNumber(), line - 1);
        QVERIFY(marks.first().format.property(QTextFormat::FullWidthSelection).toBool());
        QVERIFY(preview.lineNumberAreaWidth() > 0);
    }

    void scrollsWhenShownLater()
    {
        const QString path = m_dir.filePath(QStringLiteral("later.py"));
        QVERIFY(TestSupport::writeFile(path, numberedLines(300)));
        SourcePreview preview;
        preview.resize(600, 300);
        QVERIFY(preview.showFile(path, 280));
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QTRY_VERIFY(lastVisibleBlock(preview) >= 279);
        QVERIFY(firstVisibleBlock(preview) <= 279);
    }

    void showsMessageInsteadOfContent_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content"); // null: do not create
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << QStringLiteral("nowhere.py") << QByteArray()
                                 << QStringLiteral("does not exist");
        QTest::newRow("binary") << QStringLiteral("x.pyc")
                                << QByteArray("\xa7\x0d\x0d\x0a\0\0\0\0code", 12)
                                << QStringLiteral("binary");
        QTest::newRow("too large")
            << QStringLiteral("big.py") << QByteArray(SourcePreview::kMaxFileSize + 1, 'x')
            << QStringLiteral("too large");
        QTest::newRow("folder") << QStringLiteral("sub") << QByteArray("dir")
                                << QStringLiteral("folder");
    }

    void showsMessageInsteadOfContent()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(name);
        if (content == "dir") {
            QVERIFY(QDir().mkpath(path));
        } else if (!content.isNull()) {
            QVERIFY(TestSupport::writeFile(path, content));
        }
        SourcePreview preview;
        // A file shown before must not stay visible under the message.
        const QString good = m_dir.filePath(QStringLiteral("good.py"));
        QVERIFY(TestSupport::writeFile(good, "import os\n"));
        QVERIFY(preview.showFile(good, 1));
        QVERIFY(!preview.showFile(path, 3));
        QVERIFY2(preview.message().contains(expected), qPrintable(preview.message()));
        QVERIFY(preview.message().contains(QDir::toNativeSeparators(path)));
        QCOMPARE(preview.textInteractionFlags(), Qt::NoTextInteraction);
        QVERIFY(preview.toPlainText().isEmpty());
        QVERIFY(preview.extraSelections().isEmpty());
        QCOMPARE(preview.markedLine(), 0);
        QCOMPARE(preview.lineNumberAreaWidth(), 0);
    }

    void unreadableFileShowsMessage()
    {
        const QString path = m_dir.filePath(QStringLiteral("secret.py"));
        QVERIFY(TestSupport::writeFile(path, "x = 1\n"));
        QFile::setPermissions(path, QFileDevice::Permissions());
        QFile probe(path);
        if (probe.open(QIODevice::ReadOnly)) {
            QSKIP("Running with rights that read any file (root): cannot make one unreadable");
        }
        SourcePreview preview;
        QVERIFY(!preview.showFile(path, 1));
        QVERIFY2(preview.message().contains(QLatin1String("could not be read")),
                 qPrintable(preview.message()));
    }

    void largeFileIsShownUncoloured()
    {
        const QString big = m_dir.filePath(QStringLiteral("big.py"));
        QByteArray content;
        while (content.size() <= SourcePreview::kMaxHighlightedSize) {
            content += "def f():  # comment\n    return None\n";
        }
        QVERIFY(TestSupport::writeFile(big, content));
        const QString small = m_dir.filePath(QStringLiteral("small.py"));
        QVERIFY(TestSupport::writeFile(small, "def f():\n    return None\n"));
        SourcePreview preview;
        QVERIFY(preview.showFile(small, 1));
        QCOMPARE(preview.highlighter()->document(), preview.document());
        QVERIFY(preview.showFile(big, 5000));
        QCOMPARE(preview.markedLine(), 5000);
        QVERIFY(!preview.highlighter()->document());
        QVERIFY(preview.document()->findBlockByNumber(0).layout()->formats().isEmpty());
        QVERIFY(preview.showFile(small, 1));
        QCOMPARE(preview.highlighter()->document(), preview.document());
    }

    void lineOutOfRangeIsNotMarked()
    {
        const QString path = m_dir.filePath(QStringLiteral("short.py"));
        QVERIFY(TestSupport::writeFile(path, "a = 1\nb = 2\n"));
        SourcePreview preview;
        QVERIFY(preview.showFile(path, 99));
        QVERIFY(preview.textInteractionFlags() & Qt::TextSelectableByMouse);
        QCOMPARE(preview.markedLine(), 0);
        QVERIFY(preview.extraSelections().isEmpty());
        QVERIFY(preview.toPlainText().startsWith(QLatin1String("a = 1")));
    }

    void neverWrites()
    {
        const QString path = m_dir.filePath(QStringLiteral("keep.py"));
        QVERIFY(TestSupport::writeFile(path, "x = 1\n"));
        const QDateTime before = QFileInfo(path).lastModified();
        SourcePreview preview;
        preview.show();
        QVERIFY(preview.showFile(path, 1));
        QTest::keyClicks(&preview, QStringLiteral("garbage"));
        QCOMPARE(preview.toPlainText(), QStringLiteral("x = 1\n"));
        preview.clearFile();
        QCOMPARE(QFileInfo(path).lastModified(), before);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("x = 1\n"));
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("REVSCOPE_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            QSKIP("Set REVSCOPE_SCREENSHOT_DIR to save screenshots of the source preview");
        }
        const QString path = QStringLiteral(REVSCOPE_SOURCE_DIR) +
                             QStringLiteral("/resources/demo/back/alembic/versions/"
                                            "6d39478753c0_merge_forwarding_rules_and_mailbox_.py");
        const QList<std::pair<QString, QPalette>> palettes = {
            {QStringLiteral("light"), QApplication::style()->standardPalette()},
            {QStringLiteral("dark"), darkPalette()}};
        for (const auto &[name, palette] : palettes) {
            SourcePreview preview;
            preview.setPalette(palette);
            preview.resize(720, 420);
            preview.show();
            QVERIFY(QTest::qWaitForWindowExposed(&preview));
            QVERIFY(preview.showFile(path, 12));
            QVERIFY(preview.grab().save(dir + QStringLiteral("/source-%1.png").arg(name)));
            preview.showFile(m_dir.filePath(QStringLiteral("deleted_migration.py")), 3);
            QVERIFY(preview.grab().save(dir + QStringLiteral("/source-missing-%1.png").arg(name)));
        }
    }
};

QTEST_MAIN(TestSourcePreview)
#include "tst_sourcepreview.moc"
