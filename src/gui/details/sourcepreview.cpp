#include "sourcepreview.h"

#include "pythonhighlighter.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLocale>
#include <QPainter>
#include <QStringDecoder>
#include <QTextBlock>
#include <QTextOption>

namespace Revscope {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
                            float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
                            float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

constexpr int kNumberPadding = 10;

} // namespace

class SourcePreview::LineNumberArea final : public QWidget
{
public:
    explicit LineNumberArea(SourcePreview *preview) : QWidget(preview), m_preview(preview) {}
    QSize sizeHint() const override { return QSize(m_preview->lineNumberAreaWidth(), 0); }

protected:
    void paintEvent(QPaintEvent *event) override { m_preview->paintLineNumbers(event); }

private:
    SourcePreview *m_preview;
};

SourcePreview::SourcePreview(QWidget *parent)
    : QPlainTextEdit(parent), m_lineNumbers(new LineNumberArea(this)),
      m_highlighter(new PythonHighlighter(document()))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(QLatin1Char(' ')) * 4);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(6);

    connect(this, &QPlainTextEdit::blockCountChanged, this, &SourcePreview::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, &SourcePreview::updateLineNumberArea);
    updateColors();
    updateMargins();
}

int SourcePreview::lineNumberAreaWidth() const
{
    if (!m_message.isEmpty() || m_path.isEmpty()) {
        return 0;
    }
    const int digits = std::max(3, int(QString::number(blockCount()).size()));
    return 2 * kNumberPadding + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void SourcePreview::updateMargins()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    const QRect contents = contentsRect();
    m_lineNumbers->setGeometry(
        QRect(contents.left(), contents.top(), lineNumberAreaWidth(), contents.height()));
    m_lineNumbers->setVisible(lineNumberAreaWidth() > 0);
}

void SourcePreview::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0) {
        m_lineNumbers->scroll(0, dy);
    } else {
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    }
}

void SourcePreview::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateMargins();
    if (m_centerPending && isVisible()) {
        markLine();
    }
}

void SourcePreview::showEvent(QShowEvent *event)
{
    QPlainTextEdit::showEvent(event);
    // Centring before the first layout puts the line at the wrong place.
    if (m_centerPending) {
        markLine();
    }
}

void SourcePreview::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColors();
    } else if (event->type() == QEvent::FontChange) {
        updateMargins();
    }
}

void SourcePreview::updateColors()
{
    m_highlighter->setPalette(palette());
    if (m_line > 0) {
        markLine();
    }
    m_lineNumbers->update();
}

void SourcePreview::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    painter.fillRect(event->rect(), mix(base, text, 0.035));
    painter.setPen(mix(base, text, 0.12));
    painter.drawLine(m_lineNumbers->width() - 1, event->rect().top(), m_lineNumbers->width() - 1,
                     event->rect().bottom());

    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const int width = m_lineNumbers->width() - kNumberPadding;
    const QFont normal = font();
    QFont bold = normal;
    bold.setBold(true);
    while (block.isValid() && top <= event->rect().bottom()) {
        const qreal height = blockBoundingRect(block).height();
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool marked = number == m_line;
            painter.setFont(marked ? bold : normal);
            painter.setPen(marked ? text : mix(base, text, 0.45));
            painter.drawText(QRectF(0, top, width, fontMetrics().height()), Qt::AlignRight,
                             QString::number(number));
        }
        top += height;
        block = block.next();
        ++number;
    }
}

void SourcePreview::paintEvent(QPaintEvent *event)
{
    QPlainTextEdit::paintEvent(event);
    if (m_message.isEmpty()) {
        return;
    }
    QPainter painter(viewport());
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    painter.setPen(mix(base, text, 0.6));
    // The message is prose, not code: the interface font, centred.
    painter.setFont(QApplication::font(this));
    QTextOption option(Qt::AlignCenter);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // long paths
    painter.drawText(QRectF(viewport()->rect().adjusted(24, 24, -24, -24)), m_message, option);
}

void SourcePreview::showMessage(const QString &message)
{
    m_message = message;
    m_line = 0;
    m_centerPending = false;
    setExtraSelections({});
    QPlainTextEdit::clear();
    // No caret blinking in an empty page; paintEvent() draws the message.
    setTextInteractionFlags(Qt::NoTextInteraction);
    updateMargins();
    viewport()->update();
}

void SourcePreview::clearFile()
{
    m_path.clear();
    showMessage(QString());
}

bool SourcePreview::showFile(const QString &path, int line)
{
    m_path = path;
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (path.isEmpty() || !info.exists()) {
        showMessage(tr("The file %1 does not exist.").arg(shown));
        return false;
    }
    if (info.isDir()) {
        showMessage(tr("%1 is a folder, not a file.").arg(shown));
        return false;
    }
    if (info.size() > kMaxFileSize) {
        const QString size = QLocale().formattedDataSize(info.size());
        const QString limit = QLocale().formattedDataSize(kMaxFileSize);
        showMessage(
            tr("%1 is too large to preview (%2; the limit is %3).").arg(shown, size, limit));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("%1 could not be read: %2").arg(shown, file.errorString()));
        return false;
    }
    // The size may have grown since it was checked.
    const QByteArray bytes = file.read(kMaxFileSize + 1);
    if (bytes.size() > kMaxFileSize) {
        const QString limit = QLocale().formattedDataSize(kMaxFileSize);
        showMessage(tr("%1 is too large to preview (over %2).").arg(shown, limit));
        return false;
    }
    if (bytes.left(8192).contains('\0')) {
        showMessage(tr("%1 is a binary file; there is no text to show.").arg(shown));
        return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        // Python 2 era scripts may be Latin-1; show them rather than refuse.
        text = QString::fromLatin1(bytes);
    }
    m_message.clear();
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Colouring 2 MB takes longer than the GUI may block; migrations are far smaller.
    QPlainTextEdit::clear();
    const bool colour = bytes.size() <= kMaxHighlightedSize;
    if (colour != (m_highlighter->document() != nullptr)) {
        m_highlighter->setDocument(colour ? document() : nullptr);
    }
    setPlainText(text);
    m_line = line > 0 && line <= blockCount() ? line : 0;
    updateMargins();
    m_centerPending = true;
    markLine();
    return true;
}

void SourcePreview::markLine()
{
    if (m_line <= 0) {
        setExtraSelections({});
        m_centerPending = false;
        return;
    }
    const QTextBlock block = document()->findBlockByNumber(m_line - 1);
    QTextCursor cursor(block);
    QTextEdit::ExtraSelection selection;
    QColor mark = palette().color(QPalette::Highlight);
    mark.setAlphaF(palette().color(QPalette::Base).lightness() < 128 ? 0.35f : 0.18f);
    selection.format.setBackground(mark);
    selection.format.setProperty(QTextFormat::FullWidthSelection, true);
    selection.cursor = cursor;
    setExtraSelections({selection});
    setTextCursor(cursor);
    if (isVisible()) {
        centerCursor();
        m_centerPending = false;
    } else {
        ensureCursorVisible();
    }
    m_lineNumbers->update();
}

} // namespace Revscope
