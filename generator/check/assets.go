package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// assets checks the asset inventory (A.5.9, A.5.12): every asset has an owner, every
// information asset a classification that the assets holding it match, and reviews are
// not overdue.
func (c *checker) assets() {
	byID := map[string]*model.Asset{}
	for _, a := range c.g.Site.AssetInventory.Assets {
		if a != nil && a.ID != "" {
			byID[a.ID] = a
		}
	}
	for _, a := range c.g.Site.AssetInventory.Assets {
		if a == nil {
			continue
		}
		if strings.TrimSpace(a.Owner) == "" {
			c.add(RuleAssetNoOwner, keyPos(a.OwnerPos, a.Pos), a.ID, "asset %s (%s) has no owner: name the person or role accountable for it (owner:)", a.ID, a.Name)
		}
		if a.Type == "information" {
			if a.Classification == "" {
				c.add(RuleAssetUnclassified, a.Pos, a.ID, "information asset %s (%s) has no classification: set classification: to public, internal, confidential or restricted", a.ID, a.Name)
			}
			for _, ref := range a.HeldIn {
				h, ok := byID[ref.ID]
				if ok && h.Classification != "" && a.Classification.Above(h.Classification) {
					c.add(RuleAssetHeldBelow, ref.Pos, a.ID, "%s information asset %s is held in %s, which is classified %s: classify %s at least %s, or keep %s elsewhere",
						a.Classification, a.ID, h.ID, h.Classification, h.ID, a.Classification, a.ID)
				}
			}
		}
		if !a.Review.IsZero() && a.Review.Before(c.g.Date) {
			c.add(RuleAssetReview, keyPos(a.ReviewPos, a.Pos), a.ID, "asset %s was due for review on %s (build date %s)", a.ID, a.Review, c.g.Date)
		}
	}
}
