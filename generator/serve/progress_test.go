package serve_test

import (
	"sync"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/serve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestProgressTellsOfTheFirstBuildOnly: the first build, before the preview serves,
// tells Options.Progress its steps and its pages counted up to all of them; the
// rebuild after an edit tells it nothing.
func TestProgressTellsOfTheFirstBuildOnly(t *testing.T) {
	var mu sync.Mutex
	var steps []build.Step
	pages, total := 0, 0
	p := start(t, fixture.Minimal(), func(o *serve.Options) {
		o.Progress = func(step build.Step, done, all int) {
			mu.Lock()
			defer mu.Unlock()
			if len(steps) == 0 || steps[len(steps)-1] != step {
				steps = append(steps, step)
			}
			if step == build.StepPages {
				pages, total = max(pages, done), all
			}
		}
	})
	ev, _ := p.subscribe() // the first build is done: the preview serves
	mu.Lock()
	first := append([]build.Step(nil), steps...)
	if total == 0 || pages != total {
		t.Errorf("pages counted to %d of %d", pages, total)
	}
	mu.Unlock()
	want := []build.Step{build.StepSources, build.StepCheck, build.StepPages}
	if len(first) != len(want) {
		t.Fatalf("the first build's steps: %q, want %q", first, want)
	}
	for i := range want {
		if first[i] != want[i] {
			t.Fatalf("the first build's steps: %q, want %q", first, want)
		}
	}
	p.write(isPath, policy("Edited."))
	ev.changeOf("policies/is.html")
	mu.Lock()
	defer mu.Unlock()
	if len(steps) != len(first) {
		t.Fatalf("a rebuild after an edit told Progress %q", steps[len(first):])
	}
}
