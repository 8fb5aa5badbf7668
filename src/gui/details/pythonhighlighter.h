#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

class QPalette;

namespace Revscope {

// Colours Python source: keywords, None/True/False, strings (prefixed,
// triple-quoted across lines), comments, numbers, decorators and the names
// that def/class introduce. A display aid only: it never decides anything.
class PythonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum Category {
        Keyword,
        Builtin,
        String,
        Comment,
        Number,
        Decorator,
        Definition,
        CategoryCount
    };

    explicit PythonHighlighter(QTextDocument *document);

    // Picks the light or dark colour set for `palette` and highlights again.
    void setPalette(const QPalette &palette);
    QTextCharFormat format(Category category) const { return m_formats[category]; }

protected:
    void highlightBlock(const QString &text) override;

private:
    // Block states: what the previous line left open.
    enum State {
        Normal = -1,
        InTripleSingle = 1, // '''
        InTripleDouble,     // """
        InSingle,           // ' continued by a trailing backslash
        InDouble,           // " continued by a trailing backslash
    };

    // Formats a string body from `start` (after its opening quotes); returns
    // the index after the closing quotes, or -1 (and sets the block state)
    // when the string continues on the next line.
    int highlightString(const QString &text, int start, int from, QChar quote, bool triple);

    std::array<QTextCharFormat, CategoryCount> m_formats;
};

} // namespace Revscope
