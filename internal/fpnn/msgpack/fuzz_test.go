package msgpack

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	vm "github.com/vmihailenco/msgpack/v5"
)

// FuzzReader: the Reader never panics, never reads past its input, and
// agrees with github.com/vmihailenco/msgpack/v5 on where an accepted value
// ends and on integer and string values.
func FuzzReader(f *testing.F) {
	for _, h := range []string{
		// PROTOCOL.md §9.2 payload and §9.4 answers.
		"86a3706964d204c4b401a47369676ed9203432383842394441393334333638313144383632303938363738423238353535a473616c74d362f3f95a0014c281a27473d26553f100a3676964d13039a47569647392d20001903ad20001903b",
		"81a47569647392ce0001903ace0001903b", "81a26f6bc3", "82a56f696e666fa0a570696e666fa0", "81a27473cf0000018bcfe5687b",
		"82a4636f6465ce00030d42a26578b3696e76616c696420706964206f72207369676e",
		"cb3ff0000000000000", "c70201aaaa", "d801" + "00000000000000000000000000000000", "dc000101", "c0", "c1",
	} {
		b, err := hex.DecodeString(h)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(b)
		err := r.Skip()
		if r.Offset() > len(b) {
			t.Fatalf("offset %d past %d", r.Offset(), len(b))
		}
		// Only a value we accept is compared: vmihailenco trusts declared
		// lengths, so on hostile truncated input it may allocate gigabytes.
		if err == nil {
			d := vm.NewDecoder(bytes.NewReader(b))
			if verr := d.Skip(); verr != nil {
				t.Fatalf("Skip: ours ok, vmihailenco %v", verr)
			}
			rest, isBytesReader := d.Buffered().(*bytes.Reader)
			if !isBytesReader {
				t.Fatalf("vmihailenco buffered %T, want the *bytes.Reader it was given", d.Buffered())
			}
			if len(b)-rest.Len() != r.Offset() {
				t.Fatalf("Skip ends at %d, vmihailenco at %d", r.Offset(), len(b)-rest.Len())
			}
		}

		r.Reset(b)
		if v, err := r.ReadInt(); err == nil {
			want, verr := vm.NewDecoder(bytes.NewReader(b)).DecodeInt64()
			if verr != nil || want != v {
				t.Fatalf("ReadInt = %d, vmihailenco %d, %v", v, want, verr)
			}
		}
		r.Reset(b)
		if s, err := r.ReadStrOrBin(); err == nil {
			want, verr := vm.NewDecoder(bytes.NewReader(b)).DecodeBytes()
			if verr != nil || !bytes.Equal(want, s) {
				t.Fatalf("ReadStrOrBin = %x, vmihailenco %x, %v", s, want, verr)
			}
		}
		// Walk a map the way Params does.
		r.Reset(b)
		if n, err := r.ReadMapHeader(); err == nil {
			for range n {
				if _, err := r.ReadStr(); err != nil {
					var te *TypeError
					if !errors.As(err, &te) && !errors.Is(err, ErrShortBuffer) && !errors.Is(err, ErrInvalidFormat) {
						t.Fatalf("ReadStr: %v", err)
					}
					break
				}
				if err := r.Skip(); err != nil {
					break
				}
			}
		}
		for _, read := range []func() error{
			func() error { _, err := r.ReadUint(); return err },
			func() error { _, err := r.ReadBool(); return err },
			func() error { _, err := r.ReadFloat64(); return err },
			func() error { _, err := r.ReadArrayHeader(); return err },
			r.ReadNil,
			func() error { _, err := r.NextType(); return err },
		} {
			r.Reset(b)
			_ = read()
			if r.Offset() > len(b) {
				t.Fatal("read past the input")
			}
		}
	})
}
