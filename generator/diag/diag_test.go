package diag_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// recovered runs f and returns the Internal error of its panic.
func recovered(pos diag.Pos, f func()) (err *diag.Error) {
	defer func() {
		if v := recover(); v != nil {
			err = diag.Internal(pos, "rendering this document", v)
		}
	}()
	f()
	return nil
}

// here returns this test file's short name and the line of its caller.
func here() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("generator/diag/%s:%d", file[strings.LastIndex(file, "/")+1:], line)
}

func TestInternal(t *testing.T) {
	pos := diag.Pos{Path: "content/x.md", Line: 1, Col: 1}

	var site string
	err := recovered(pos, func() {
		site = here()
		panic("boom")
	})
	// The panic is on the line after here().
	file, line, _ := strings.Cut(site, ":")
	var n int
	fmt.Sscan(line, &n)
	want := fmt.Sprintf("content/x.md:1:1: internal error rendering this document: boom (at %s:%d; please report this)", file, n+1)
	if err == nil || err.Error() != want {
		t.Errorf("panic in ismsgen:\n got %v\nwant %s", err, want)
	}

	// A panic inside a library names the library's line and the ismsgen code that called it.
	count := -1
	err = recovered(pos, func() {
		site = here()
		_ = strings.Repeat("x", count)
	})
	file, line, _ = strings.Cut(site, ":")
	fmt.Sscan(line, &n)
	if err == nil || !strings.HasPrefix(err.Error(), "content/x.md:1:1: internal error rendering this document: strings: negative Repeat count (at strings/strings.go:") ||
		!strings.HasSuffix(err.Error(), fmt.Sprintf(", called from %s:%d; please report this)", file, n+1)) {
		t.Errorf("panic in the standard library: %v", err)
	}

	// A runtime error in ismsgen code.
	var m map[string]int
	err = recovered(diag.Pos{Path: "data/site.yaml", Line: 3, Col: 5}, func() {
		site = here()
		m["x"] = 1
	})
	file, line, _ = strings.Cut(site, ":")
	fmt.Sscan(line, &n)
	if err == nil || err.Pos.String() != "data/site.yaml:3:5" || !strings.Contains(err.Msg, "assignment to entry in nil map") ||
		!strings.Contains(err.Msg, fmt.Sprintf("(at %s:%d; please report this)", file, n+1)) {
		t.Errorf("runtime error: %v", err)
	}
}
