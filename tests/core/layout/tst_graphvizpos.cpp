// GraphvizPos: Graphviz's pos/bb strings and the y flip.

#include "layout/graphvizpos.h"

#include <QTest>

using namespace Revscope;

class TestGraphvizPos : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void point_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QPointF>("expected");
        QTest::newRow("integers") << QStringLiteral("27,18") << true << QPointF(27, 18);
        QTest::newRow("decimals") << QStringLiteral("27.5,-18.25") << true << QPointF(27.5, -18.25);
        QTest::newRow("exponent") << QStringLiteral("1e+03,2") << true << QPointF(1000, 2);
        QTest::newRow("pinned") << QStringLiteral("3,4!") << true << QPointF(3, 4);
        QTest::newRow("spaces") << QStringLiteral(" 3,4 ") << true << QPointF(3, 4);
        QTest::newRow("empty") << QString() << false << QPointF();
        QTest::newRow("one number") << QStringLiteral("27") << false << QPointF();
        QTest::newRow("three numbers") << QStringLiteral("1,2,3") << false << QPointF();
        QTest::newRow("word") << QStringLiteral("a,b") << false << QPointF();
        QTest::newRow("nan") << QStringLiteral("nan,1") << false << QPointF();
        QTest::newRow("inf") << QStringLiteral("1,inf") << false << QPointF();
        QTest::newRow("missing y") << QStringLiteral("1,") << false << QPointF();
    }
    void point()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QPointF, expected);
        QPointF point(-1, -1);
        QString error;
        QCOMPARE(GraphvizPos::parsePoint(text, &point, &error), ok);
        if (ok) {
            QCOMPARE(point, expected);
            QVERIFY(error.isEmpty());
        } else {
            QCOMPARE(point, QPointF(-1, -1)); // untouched on failure
            QVERIFY(error.contains(text));    // names what was wrong
            QVERIFY(!error.isEmpty());
        }
    }

    void splines_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("splineCount");
        QTest::addColumn<int>("pointCount"); // of the first spline
        QTest::addColumn<bool>("hasStart");
        QTest::addColumn<bool>("hasEnd");
        QTest::newRow("end arrow")
            << QStringLiteral("e,27,36.104 27,71.697 27,63.983 27,54.712 27,46.112") << true << 1
            << 4 << false << true;
        QTest::newRow("both arrows")
            << QStringLiteral("s,1,2 e,9,9 1,3 2,4 3,5 4,6") << true << 1 << 4 << true << true;
        QTest::newRow("no arrows")
            << QStringLiteral("1,3 2,4 3,5 4,6 5,7 6,8 7,9") << true << 1 << 7 << false << false;
        QTest::newRow("two splines")
            << QStringLiteral("e,1,1 1,3 2,4 3,5 4,6;s,0,0 5,5 6,6 7,7 8,8") << true << 2 << 4
            << false << true;
        QTest::newRow("empty") << QString() << false << 0 << 0 << false << false;
        QTest::newRow("only arrow") << QStringLiteral("e,1,1") << false << 0 << 0 << false << false;
        QTest::newRow("three points")
            << QStringLiteral("1,1 2,2 3,3") << false << 0 << 0 << false << false;
        QTest::newRow("five points")
            << QStringLiteral("1,1 2,2 3,3 4,4 5,5") << false << 0 << 0 << false << false;
        QTest::newRow("garbage point")
            << QStringLiteral("1,1 2,x 3,3 4,4") << false << 0 << 0 << false << false;
        QTest::newRow("arrow after points")
            << QStringLiteral("1,1 2,2 3,3 4,4 e,5,5") << false << 0 << 0 << false << false;
        QTest::newRow("repeated arrow")
            << QStringLiteral("e,1,1 e,2,2 1,1 2,2 3,3 4,4") << false << 0 << 0 << false << false;
        QTest::newRow("second spline broken")
            << QStringLiteral("1,3 2,4 3,5 4,6;1,2") << false << 0 << 0 << false << false;
    }
    void splines()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(int, splineCount);
        QFETCH(int, pointCount);
        QFETCH(bool, hasStart);
        QFETCH(bool, hasEnd);
        QList<GraphvizSpline> splines;
        QString error;
        QCOMPARE(GraphvizPos::parseSplines(text, &splines, &error), ok);
        QCOMPARE(error.isEmpty(), ok);
        QCOMPARE(splines.size(), splineCount);
        if (ok) {
            QCOMPARE(splines.constFirst().points.size(), pointCount);
            QCOMPARE(splines.constFirst().hasStart, hasStart);
            QCOMPARE(splines.constFirst().hasEnd, hasEnd);
        }
    }

    void splineValues()
    {
        QList<GraphvizSpline> splines;
        QVERIFY(GraphvizPos::parseSplines(QStringLiteral("s,0.5,1 e,27,36.5 1,2 3,4 5,6 7,8"),
                                          &splines));
        const GraphvizSpline &spline = splines.constFirst();
        QCOMPARE(spline.start, QPointF(0.5, 1));
        QCOMPARE(spline.end, QPointF(27, 36.5));
        QCOMPARE(spline.points,
                 (QList<QPointF>{QPointF(1, 2), QPointF(3, 4), QPointF(5, 6), QPointF(7, 8)}));
    }

    void boundingBox_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QRectF>("expected");
        QTest::newRow("origin") << QStringLiteral("0,0,62,108") << true << QRectF(0, 0, 62, 108);
        QTest::newRow("offset") << QStringLiteral("10,20,30.5,60") << true
                                << QRectF(10, 20, 20.5, 40);
        QTest::newRow("empty graph") << QStringLiteral("0,0,0,0") << true << QRectF(0, 0, 0, 0);
        QTest::newRow("empty") << QString() << false << QRectF();
        QTest::newRow("three") << QStringLiteral("0,0,62") << false << QRectF();
        QTest::newRow("five") << QStringLiteral("0,0,62,1,2") << false << QRectF();
        QTest::newRow("inverted") << QStringLiteral("62,0,0,108") << false << QRectF();
        QTest::newRow("word") << QStringLiteral("0,0,wide,108") << false << QRectF();
    }
    void boundingBox()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QRectF, expected);
        QRectF box(1, 1, 1, 1);
        QString error;
        QCOMPARE(GraphvizPos::parseBoundingBox(text, &box, &error), ok);
        QCOMPARE(box, ok ? expected : QRectF(1, 1, 1, 1));
        QCOMPARE(error.isEmpty(), ok);
    }

    void flipY_data()
    {
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QPointF>("point");
        QTest::addColumn<QPointF>("expected");
        QTest::newRow("top of graphviz is top of qt")
            << QRectF(0, 0, 100, 200) << QPointF(10, 200) << QPointF(10, 0);
        QTest::newRow("bottom") << QRectF(0, 0, 100, 200) << QPointF(10, 0) << QPointF(10, 200);
        QTest::newRow("middle") << QRectF(0, 0, 100, 200) << QPointF(5, 50) << QPointF(5, 150);
        QTest::newRow("offset box") << QRectF(0, 10, 100, 200) << QPointF(5, 10) << QPointF(5, 210);
    }
    void flipY()
    {
        QFETCH(QRectF, box);
        QFETCH(QPointF, point);
        QFETCH(QPointF, expected);
        QCOMPARE(GraphvizPos::flipY(point, box), expected);
        QCOMPARE(GraphvizPos::flipY(GraphvizPos::flipY(point, box), box), point);
    }
};

QTEST_GUILESS_MAIN(TestGraphvizPos)
#include "tst_graphvizpos.moc"
