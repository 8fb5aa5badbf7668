#pragma once

#include <QString>

class QMimeData;

namespace Revscope {

// What a drag and drop onto the window may open: exactly one local folder.
class FolderDrop
{
public:
    // The folder `mime` holds (absolute, cleaned, '/' separated), or empty
    // when it holds anything else: no URL, a file, several URLs, a remote URL.
    static QString folderFrom(const QMimeData *mime);
};

} // namespace Revscope
