package load

import (
	"crypto/sha256"
	"reflect"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// decodedCache keeps, across loads, what each data file (a register, a catalogue, a
// crosswalk) decoded to: a rebuild after an edit elsewhere (a document's body) sets the
// value from the last decode of the same bytes instead of decoding them again. The value
// is a shallow copy: its rows are shared with the sites of earlier loads, so what the
// loader writes into them must depend on those bytes alone (a control's catalogue name,
// a mapping's default relationship), and a register whose Finish writes into its rows
// is not cached (model.Register.WritesRows).
type decodedCache struct {
	byPath map[string]cachedValue
}

type cachedValue struct {
	sum  [32]byte
	val  reflect.Value // the decoded struct, before the document-control defaults and Finish
	errs diag.List
}

// decodeReused is decodeFile through cache c (nil decodes every
// time).
func (d *dataLoader) decodeReused(c *decodedCache, p string, src []byte, v any) bool {
	if c == nil || src == nil {
		return d.decodeFile(p, src, v)
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
