//go:build !(linux || darwin)

package build_test

import "os"

// peakMiB is not measured on this system.
func peakMiB(*os.ProcessState) float64 { return 0 }
