//go:build !unix

package serve_test

import "time"

// cpuTime is unknown here: the benchmark reports 0 CPU ms per edit.
func cpuTime() time.Duration { return 0 }
