#include "graphvizpos.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

namespace Revscope {

namespace {

bool parseNumber(const QString &text, double *value)
{
    bool ok = false;
    const double number = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(number)) {
        return false;
    }
    *value = number;
    return true;
}

bool parseXY(const QString &text, QPointF *point)
{
    const QStringList parts = text.split(QLatin1Char(','));
    double x = 0;
    double y = 0;
    if (parts.size() != 2 || !parseNumber(parts.at(0), &x) || !parseNumber(parts.at(1), &y)) {
        return false;
    }
    *point = QPointF(x, y);
    return true;
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool parseSpline(const QString &text, GraphvizSpline *spline, QString *error)
{
    const QStringList tokens = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    GraphvizSpline result;
    for (const QString &token : tokens) {
        const bool start = token.startsWith(QLatin1String("s,"));
        const bool end = token.startsWith(QLatin1String("e,"));
        QPointF point;
        if (!parseXY(start || end ? token.mid(2) : token, &point)) {
            return fail(error,
                        QCoreApplication::translate("GraphvizPos", "'%1' is not a point \"x,y\".")
                            .arg(token));
        }
        if (start || end) {
            if (!result.points.isEmpty() || (start && result.hasStart) || (end && result.hasEnd)) {
                return fail(error, QCoreApplication::translate(
                                       "GraphvizPos",
                                       "the arrow point '%1' is repeated or after the spline.")
                                       .arg(token));
            }
            (start ? result.hasStart : result.hasEnd) = true;
            (start ? result.start : result.end) = point;
        } else {
            result.points.append(point);
        }
    }
    const auto count = result.points.size();
    if (count < 4 || (count - 1) % 3 != 0) {
        return fail(error,
                    QCoreApplication::translate(
                        "GraphvizPos", "a spline needs 3n+1 control points (n >= 1), not %1.")
                        .arg(count));
    }
    *spline = result;
    return true;
}

} // namespace

bool GraphvizPos::parsePoint(const QString &text, QPointF *point, QString *error)
{
    QString trimmed = text.trimmed();
    if (trimmed.endsWith(QLatin1Char('!'))) {
        trimmed.chop(1);
    }
    if (!parseXY(trimmed, point)) {
        return fail(
            error,
            QCoreApplication::translate("GraphvizPos", "'%1' is not a point \"x,y\".").arg(text));
    }
    return true;
}

bool GraphvizPos::parseSplines(const QString &text, QList<GraphvizSpline> *splines, QString *error)
{
    QList<GraphvizSpline> result;
    const QStringList parts = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        return fail(error, QCoreApplication::translate("GraphvizPos", "the edge has no spline."));
    }
    for (const QString &part : parts) {
        GraphvizSpline spline;
        if (!parseSpline(part, &spline, error)) {
            return false;
        }
        result.append(spline);
    }
    *splines = result;
    return true;
}

bool GraphvizPos::parseBoundingBox(const QString &text, QRectF *box, QString *error)
{
    const QStringList parts = text.split(QLatin1Char(','));
    double numbers[4] = {0, 0, 0, 0};
    bool ok = parts.size() == 4;
    for (int i = 0; ok && i < 4; ++i) {
        ok = parseNumber(parts.at(i), &numbers[i]);
    }
    if (!ok || numbers[2] < numbers[0] || numbers[3] < numbers[1]) {
        return fail(error, QCoreApplication::translate(
                               "GraphvizPos", "'%1' is not a bounding box \"llx,lly,urx,ury\".")
                               .arg(text));
    }
    *box = QRectF(QPointF(numbers[0], numbers[1]), QPointF(numbers[2], numbers[3]));
    return true;
}

QPointF GraphvizPos::flipY(const QPointF &point, const QRectF &box)
{
    return QPointF(point.x(), box.top() + box.bottom() - point.y());
}

} // namespace Revscope
