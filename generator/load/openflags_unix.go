//go:build unix

package load

import (
	"os"
	"syscall"
)

// openFlags open a source file for reading without blocking: opening a named pipe
// would otherwise wait for a writer (the file is checked before, and again after).
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
