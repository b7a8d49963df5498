package oscal

import (
	"crypto/sha1"
	"fmt"
)

// namespaceURL is RFC 4122's name space for URLs.
var namespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuid5 returns the version 5 (SHA-1, name-based) UUID of name in the name space ns.
func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func format(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// uuids derives the UUIDs of one organisation's documents: the name space is the v5
// UUID of ismsgen's OSCAL URL and the organisation, each object's UUID that of its kind
// and stable ID in it ("control-implementation/A.5.1").
type uuids struct{ ns [16]byte }

func newUUIDs(organisation string) uuids {
	return uuids{ns: uuid5(namespaceURL, "https://github.com/ismsgen/ismsgen/oscal/"+organisation)}
}

func (u uuids) of(kind, id string) string { return format(uuid5(u.ns, kind+"/"+id)) }
