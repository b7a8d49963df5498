package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the named program, or fails or skips the test when it is not
// installed.
func Need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("ISMSGEN_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is required (ISMSGEN_REQUIRE_TOOLS=1) but not installed: %v", name, err)
	}
	t.Skipf("skipping: %s is not installed (install it, or set ISMSGEN_REQUIRE_TOOLS=1 to make this a failure)", name)
	return ""
}
