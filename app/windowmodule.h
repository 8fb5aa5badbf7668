#pragma once

// The handshake between the `revscope` executable and its window module
// (librevscope-window.so): the executable finds the module, and the module
// gets back the setup the executable does for every run (identity,
// translations), so both front ends start the same way.

class QCoreApplication;

struct RevscopeWindowSetup
{
    void (*prepare)(QCoreApplication *app);
};

// The module's entry point, resolved by name.
using RevscopeWindowMain = int (*)(int *argc, char **argv, const RevscopeWindowSetup *setup);
#define REVSCOPE_WINDOW_ENTRY "revscope_window_main"
