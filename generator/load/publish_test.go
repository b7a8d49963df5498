package load_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

const siteYAML = "organisation: Example Ltd\ntitle: Example ISMS\nclassification: internal\n"

// TestPublishAndPackLimitsDecode: publish.max_classification and a pack's
// max_classification are read into the model; unset, they are no limit.
func TestPublishAndPackLimitsDecode(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/site.yaml": siteYAML + "publish:\n  max_classification: internal\npacks:\n  - name: audit\n    contents: [POL-IS]\n    max_classification: confidential\n  - name: all\n    contents: [POL-IS]\n",
	}))
	site, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	c := site.Config
	if c.Publish.MaxClassification != model.Internal {
		t.Errorf("publish.max_classification = %q, want internal", c.Publish.MaxClassification)
	}
	if got := c.Packs[0].MaxClassification; got != model.Confidential {
		t.Errorf("packs[0].max_classification = %q, want confidential", got)
	}
	if got := c.Packs[1].MaxClassification; got != "" {
		t.Errorf("packs[1].max_classification = %q, want unset (no limit)", got)
	}

	dir = fixture.Write(t, fixture.Minimal())
	site, err = load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := site.Config.Publish.MaxClassification; got != "" {
		t.Errorf("without publish:, max_classification = %q, want unset (no limit)", got)
	}
}

// TestPublishIsDecodedStrictly: a misspelt key, a wrong value or a wrong shape under
// publish: or a pack's max_classification is an error at its position.
func TestPublishIsDecodedStrictly(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"misspelt key", "publish:\n  max_clasification: internal\n",
			`data/site.yaml:5:3: unknown key "max_clasification" (did you mean "max_classification"?)`},
		{"invalid level", "publish:\n  max_classification: secret\n",
			`data/site.yaml:5:23: invalid classification "secret": want one of public, internal, confidential, restricted`},
		{"not a mapping", "publish: internal\n",
			`data/site.yaml:4:10: want a mapping of keys, got "internal"`},
		{"invalid pack level", "packs:\n  - name: a\n    contents: [POL-IS]\n    max_classification: top\n",
			`data/site.yaml:7:25: invalid classification "top": want one of public, internal, confidential, restricted`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(loadErrors(t, fixture.Minimal().With(fixture.Files{"data/site.yaml": siteYAML + tt.yaml})), "\n")
			if !strings.Contains(got, tt.want) {
				t.Errorf("errors:\n%s\nwant %s", got, tt.want)
			}
		})
	}
}
