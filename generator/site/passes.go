package site

import "sort"

// passes orders the pages' rendering. A build writing to a Sink renders the pages
// whose data is made late after the others (see Page.late), off the memory peak. The
// live preview, which holds the whole site anyway, renders them in one pass, the
// largest pages of the previous render first: the few pages it renders again are often
// the large registers, and begun first they run beside the rest instead of after it.
func (r *renderer) passes(pages []*Page) [][]int {
	var early, late []int
	for i, p := range pages {
		if p.lazyLate {
			late = append(late, i)
		} else {
			early = append(early, i)
		}
	}
	if r.opt.Sink != nil {
		return [][]int{early, late}
	}
	all := append(late, early...)
	if prev := r.opt.Previous; prev != nil {
		size := make([]int, len(pages))
		for i, p := range pages {
			size[i] = len(prev.Files[p.Path])
		}
		sort.SliceStable(all, func(i, j int) bool { return size[all[i]] > size[all[j]] })
	}
	return [][]int{all}
}
