#pragma once

#include <QPlainTextEdit>

namespace Revscope {

class PythonHighlighter;

// A read-only view of one source file with line numbers and Python
// colouring, scrolled to a line and marking it. Only reads the file.
class SourcePreview final : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxFileSize = 2 * 1024 * 1024;
    static constexpr qint64 kMaxHighlightedSize = 256 * 1024; // bigger files show uncoloured

    explicit SourcePreview(QWidget *parent = nullptr);

    // Shows `path` scrolled so that 1-based `line` is visible and marked
    // (0: no line). A missing, unreadable, too large or binary file shows a
    // message instead. Returns whether the content is shown.
    bool showFile(const QString &path, int line = 0);
    void clearFile();

    QString filePath() const { return m_path; }
    int markedLine() const { return m_line; }
    // Why the content is not shown; empty when it is.
    QString message() const { return m_message; }
    PythonHighlighter *highlighter() const { return m_highlighter; }

    int lineNumberAreaWidth() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    class LineNumberArea;
    friend class LineNumberArea;

    void paintLineNumbers(QPaintEvent *event);
    void updateLineNumberArea(const QRect &rect, int dy);
    void updateMargins();
    void updateColors();
    void markLine();
    void showMessage(const QString &message);

    LineNumberArea *m_lineNumbers = nullptr;
    PythonHighlighter *m_highlighter = nullptr;
    QString m_path;
    QString m_message;
    int m_line = 0;
    bool m_centerPending = false;
};

} // namespace Revscope
