//go:build linux || darwin

package build_test

import (
	"os"
	"runtime"
	"syscall"
)

// peakMiB is a finished process's maximum resident set size.
func peakMiB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss) / (1 << 20) // bytes
	}
	return float64(ru.Maxrss) / (1 << 10) // kilobytes
}
