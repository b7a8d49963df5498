package resolve

import "testing"

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1.10", "1.9", 1}, {"1.9", "1.10", -1}, {"2", "2.0", 0}, {"v1.2", "1.2", 0},
		{"1.0.1", "1.0", 1}, {"10.0", "9.99", 1}, {"01.2", "1.2", 0}, {"", "0", 0},
		{"1.0-rc1", "1.0-rc2", -1}, {"99999999999999999999.1", "99999999999999999999.0", 1},
	} {
		if got := CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
