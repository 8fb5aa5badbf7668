// libFuzzer target for the .pyc reader: header, marshal data and module analysis.
// Any input must end in a PycFile (ok or not) without crashing, hanging or
// growing without bound.
#include "python/marshalreader.h"
#include "python/pycfile.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // As a whole .pyc, whatever its magic number says.
    Revscope::PycFile::fromBytes(bytes, QStringLiteral("a1b2c3d4e5f6_fuzz.cpython-311.pyc"));
    // As bare marshal data in every code-object layout.
    for (auto layout :
         {Revscope::MarshalReader::CodeLayout::Py30, Revscope::MarshalReader::CodeLayout::Py38,
          Revscope::MarshalReader::CodeLayout::Py311}) {
        Revscope::MarshalReader reader(bytes, layout);
        reader.read();
    }
    return 0;
}
