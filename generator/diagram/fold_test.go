package diagram

import "testing"

func TestContainsFold(t *testing.T) {
	for _, c := range []struct {
		b    string
		want bool
	}{
		{"```mermaid\n", true}, {"```MerMaid\n", true}, {"x MERMAID", true}, {"mermai", false}, {"", false}, {"Mermaİd", false},
	} {
		if got := containsFold([]byte(c.b), Language); got != c.want {
			t.Errorf("containsFold(%q) = %v, want %v", c.b, got, c.want)
		}
	}
}
