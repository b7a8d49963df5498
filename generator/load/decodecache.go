package load

import (
	"crypto/sha256"
	"reflect"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// decodedCache keeps, across loads, what each data file (a register, a catalogue, a
// crosswalk) decoded to: a rebuild after an edit elsewhere (a document's body) sets the
// value from the last decode of the same bytes instead of decoding them again. The value
// is a shallow copy: its rows are shared with the sites of earlier loads, which a pack
// may still be rendering, so nothing writes into them after they are cached. What the
// loader derives from the bytes alone (a control's catalogue name, a mapping's default
// relationship) is settled once, before the value is cached; a register whose Finish
// writes into its rows is not cached (model.Register.WritesRows).
type decodedCache struct {
	byPath map[string]cachedValue
}

type cachedValue struct {
	sum  [32]byte
	val  reflect.Value // the decoded struct, before the document-control defaults and Finish
	errs diag.List
}

// decodeReused is decodeFile through cache c (nil decodes every time). settle, when
// not nil, runs after each fresh decode, before the value is cached: it is where the
// rows are completed from the file's own bytes, and the errors it reports are kept
// with the decode's and reported again on reuse.
func (d *dataLoader) decodeReused(c *decodedCache, p string, src []byte, v any, settle func()) bool {
	if c == nil || src == nil {
		ok := d.decodeFile(p, src, v)
		if settle != nil {
			settle()
		}
		return ok
	}
	dst := reflect.ValueOf(v).Elem()
	sum := sha256.Sum256(src)
	if e, ok := c.byPath[p]; ok && e.sum == sum && e.val.Type() == dst.Type() {
		dst.Set(e.val)
		d.errs.Append(e.errs)
		return true
	}
	var own diag.List
	errs := d.errs
	d.errs = &own
	ok := d.decodeFile(p, src, v)
	if settle != nil {
		settle()
	}
	d.errs = errs
	d.errs.Append(own)
	if c.byPath == nil {
		c.byPath = map[string]cachedValue{}
	}
	saved := reflect.New(dst.Type()).Elem()
	saved.Set(dst)
	c.byPath[p] = cachedValue{sum: sum, val: saved, errs: own}
	return ok
}
