package check_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/check/checktest"
)

// findings runs the rules over the fixture.
func findings(t *testing.T, s *checktest.Site) []check.Finding {
	t.Helper()
	return check.Run(s.Resolve(t))
}

func dump(fs []check.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n\t" + f.String())
	}
	return b.String()
}

func TestFixtureIsClean(t *testing.T) {
	fs := findings(t, checktest.New(t))
	if len(fs) != 0 {
		t.Fatalf("the fixture should pass every rule, got %d findings:%s", len(fs), dump(fs))
	}
}
