//go:build !unix

package filetree

import "os"

// processAlive reports whether a process with the pid exists. Where the system cannot
// tell (os.FindProcess always succeeds), it answers yes: a leftover is kept rather than
// taken from a build that may be running.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
