package layout

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodedRGB decodes a PNG into its colours, 0xRRGGBB per pixel, and tells whether it
// is indexed.
func decodedRGB(t *testing.T, data []byte) ([]uint32, bool) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, indexed := img.(*image.Paletted)
	var out []uint32
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			out = append(out, (r>>8)<<16|(g>>8)<<8|bl>>8)
		}
	}
	return out, indexed
}

// diagramLike draws blocks of a few colours, a shade of them (within 7 levels in each
// channel, up to 2,048 colours in all) at scattered pixels, one in 997 for each of
// shades, and a small red mark.
func diagramLike(shades int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	base := []color.RGBA{{255, 255, 255, 255}, {230, 230, 250, 255}, {147, 112, 219, 255}, {51, 51, 51, 255}}
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			c := base[(x/100+y/100)%len(base)]
			if n := int(uint32(x*7919+y*104729)*2654435761>>7) % 997; n < shades {
				c.R -= uint8(n % 8)
				c.G -= uint8(n / 8 % 8)
				c.B -= uint8(n / 64 % 8)
			}
			img.SetRGBA(x, y, c)
		}
	}
	for y := 10; y < 13; y++ {
		for x := 10; x < 13; x++ {
			img.SetRGBA(x, y, color.RGBA{220, 0, 0, 255})
		}
	}
	return img
}

// An opaque image of at most 256 colours becomes indexed without changing a pixel; one
// of more colours, all near a few, becomes indexed with every pixel within
// quantTolerance and the rare red mark exact; anything else is left as it is.
func TestSmallerPNG(t *testing.T) {
	for _, tc := range []struct {
		name    string
		img     image.Image
		indexed bool
		exact   bool
	}{
		{"few colours", diagramLike(40), true, true},
		{"anti-aliased", diagramLike(600), true, false},
		{"photograph", noise(), false, true},
		{"colours far apart", stripes(), false, true},
		{"transparent", transparent(), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := encodePNG(t, tc.img)
			out := SmallerPNG(in)
			want, _ := decodedRGB(t, in)
			got, indexed := decodedRGB(t, out)
			if indexed != tc.indexed {
				t.Fatalf("indexed %v, want %v", indexed, tc.indexed)
			}
			if !tc.indexed && !bytes.Equal(in, out) {
				t.Error("the PNG was changed")
			}
			if tc.indexed && len(out) >= len(in) {
				t.Errorf("%d bytes, from %d", len(out), len(in))
			}
			for i := range want {
				d := colourDistance(want[i], got[i])
				if tc.exact && d != 0 || d > quantTolerance {
					t.Fatalf("pixel %d: %06x became %06x", i, want[i], got[i])
				}
			}
			if tc.indexed && got[10*400+10] != 0xdc0000 {
				t.Errorf("the red mark is %06x", got[10*400+10])
			}
			if again := SmallerPNG(in); !bytes.Equal(again, out) {
				t.Error("not reproducible")
			}
		})
	}
}

// noise has thousands of colours far apart.
func noise() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 100, 100))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 2654435761 >> 13)
		if i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	return img
}

func transparent() image.Image {
	img := diagramLike(0)
	img.SetRGBA(5, 5, color.RGBA{0, 0, 0, 0})
	return img
}

// stripes has 300 colours, too far apart for 256 to draw them.
func stripes() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 300, 20))
	for x := range 300 {
		for y := range 20 {
			img.SetRGBA(x, y, color.RGBA{uint8(x), uint8(x * 37), uint8(x*91 + x/256*128), 255})
		}
	}
	return img
}

// palette refuses colours that 256 entries cannot draw within quantTolerance.
func TestPaletteTolerance(t *testing.T) {
	counts := map[uint32]int{}
	for i := range 300 {
		counts[uint32(i%256)<<16|uint32(i*37%256)<<8|uint32((i*91+i/256*128)%256)] = 1
	}
	if _, _, ok := palette(counts); ok {
		t.Error("300 colours far apart got a palette")
	}
	clear(counts)
	for i := range 300 {
		counts[uint32(100+i%7)<<16|uint32(100+i/7%7)<<8|uint32(100+i/49)] = 300 - i
	}
	pal, index, ok := palette(counts)
	if !ok || len(pal) != 256 || len(index) != 300 {
		t.Errorf("300 near colours: %v, %d entries", ok, len(pal))
	}
}
