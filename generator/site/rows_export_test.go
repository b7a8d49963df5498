package site

// RowsKept returns the HTML of the rows the render kept for the page at path (Page.Rows),
// by row.
func RowsKept(o *Output, path string) map[string][]byte {
	out := map[string][]byte{}
	if o == nil || o.state == nil {
		return out
	}
	if v, ok := o.state.rows.Load(path); ok {
		for k, f := range v.(map[string]rowFragment) {
			out[k] = f.html
		}
	}
	return out
}
