package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of the CLI's messages")

// TestCLIMessages runs the CLI's mistakes and hints and compares what it prints, and its
// exit status, with testdata/messages.golden (go test -run TestCLIMessages -update
// rewrites it). $SITE and $TMP stand for the temporary directories.
func TestCLIMessages(t *testing.T) {
	site := fixture.Write(t, fixture.Minimal())
	tmp := t.TempDir()
	cases := [][]string{
		{},
		{"buld"},
		{"versoin"},
		{"build", "--sorce", site},
		{"build", "--date"},
		{"check", "--format", "yaml", "--source", site},
		{"keygen", "--dayz", "3"},
		{"keygen", "--help"},
		{"keygen", "--org", "Acme Ltd", "--out", filepath.Join(tmp, "keys")},
		{"verify", "missing.pdf"},
		{"export", "soa", "--source", site, "-o", "no-such-dir/soa.csv"},
		{"export", "sao", "--source", site},
		{"new", "polcy", "Remote working", "--source", site},
		{"new", "policy", "Remote working", "--source", site},
		{"init", filepath.Join(tmp, "isms")},
	}
	var b strings.Builder
	for _, args := range cases {
		code, out, errs := runNewCLI(t, args...)
		fmt.Fprintf(&b, "$ ismsgen %s\n", strings.Join(args, " "))
		if out != "" {
			fmt.Fprintf(&b, "%s", out)
			if !strings.HasSuffix(out, "\n") {
				b.WriteString("\n")
			}
		}
		for _, l := range strings.SplitAfter(errs, "\n") {
			if l != "" {
				fmt.Fprintf(&b, "stderr: %s", l)
			}
		}
		if errs != "" && !strings.HasSuffix(errs, "\n") {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "exit %d\n\n", code)
	}
	got := strings.NewReplacer(site, "$SITE", tmp, "$TMP").Replace(b.String())
	golden := filepath.Join("testdata", "messages.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestCLIMessages -update)", err)
	}
	if got != string(want) {
		t.Errorf("CLI messages differ from %s (go test -run TestCLIMessages -update rewrites it after a deliberate change):\n%s", golden, got)
	}
}
