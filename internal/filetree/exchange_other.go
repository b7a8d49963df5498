//go:build !linux

package filetree

// exchange would swap two directories in one step; this system offers no way to, so
// swapIn renames the previous output aside instead.
func exchange(a, b string) error { return errNoExchange }
