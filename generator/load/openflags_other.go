//go:build !unix

package load

import "os"

// openFlags open a source file for reading (named pipes are unix's; the file is checked
// to be regular before and after opening).
const openFlags = os.O_RDONLY
