/*
 * The tree-sitter runtime, compiled into logvol's addon from the `tree-sitter` package's vendored
 * sources (one unity file; binding.gyp puts its directory on the include path). Same version as
 * the Node binding, so trees are identical.
 */
#include "lib.c"
