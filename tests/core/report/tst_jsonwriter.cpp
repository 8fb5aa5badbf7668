#include "report/jsonwriter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Revscope;

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("add catch all to domains");
        QTest::newRow("empty") << QString();
        QTest::newRow("quotes and backslashes") << QStringLiteral("say \"hi\" \\ C:\\path");
        QTest::newRow("control characters")
            << QStringLiteral("a\nb\tc\rd\be\ff") + QChar(0x01) + QChar(0x1f);
        QTest::newRow("non-ascii") << QStringLiteral("Größe — 名前 🚀");
        QTest::newRow("only astral") << QStringLiteral("🚀🚀");
    }

    void strings()
    {
        QFETCH(QString, text);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        {
            JsonWriter json(&buffer);
            json.beginObject();
            json.key(QLatin1String("text"));
            json.value(text);
            json.endObject();
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.object().value(QLatin1String("text")).toString(), text);
    }

    void loneSurrogateBecomesReplacement()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        {
            JsonWriter json(&buffer);
            json.value(QString(QChar(0xd800)) + QLatin1Char('x'));
        }
        QCOMPARE(QJsonDocument::fromJson("[" + bytes + "]").array().first().toString(),
                 QString(QChar(0xfffd)) + QLatin1Char('x'));
    }

    void structureAndOrder()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        JsonWriter json(&buffer);
        json.beginObject();
        json.key(QLatin1String("schema"));
        json.value(QLatin1String("x/1"));
        json.key(QLatin1String("empty"));
        json.beginArray();
        json.endArray();
        json.key(QLatin1String("list"));
        json.stringArray({QStringLiteral("a"), QStringLiteral("b")});
        json.key(QLatin1String("nested"));
        json.beginArray();
        json.beginObject();
        json.key(QLatin1String("n"));
        json.value(42);
        json.key(QLatin1String("yes"));
        json.value(true);
        json.key(QLatin1String("none"));
        json.stringOrNull(QString());
        json.endObject();
        json.endArray();
        json.endObject();
        QVERIFY(json.flush());
        // Keys keep the order they were written in: "schema" comes first.
        QVERIFY(bytes.startsWith("{\n  \"schema\": \"x/1\""));
        const QJsonObject o = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(o.value(QLatin1String("empty")).toArray().size(), 0);
        QCOMPARE(o.value(QLatin1String("list")).toArray(),
                 (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
        const QJsonObject nested = o.value(QLatin1String("nested")).toArray().first().toObject();
        QCOMPARE(nested.value(QLatin1String("n")).toInt(), 42);
        QCOMPARE(nested.value(QLatin1String("yes")).toBool(), true);
        QVERIFY(nested.value(QLatin1String("none")).isNull());
    }

    // Output larger than the writer's chunk arrives whole and valid.
    void largeOutputIsStreamed()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        {
            JsonWriter json(&buffer);
            json.beginArray();
            for (int i = 0; i < 50000; ++i) {
                json.value(QStringLiteral("revision-%1").arg(i));
            }
            json.endArray();
        }
        QVERIFY(bytes.size() > 64 * 1024);
        const QJsonArray array = QJsonDocument::fromJson(bytes).array();
        QCOMPARE(array.size(), 50000);
        QCOMPARE(array.at(49999).toString(), QStringLiteral("revision-49999"));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
