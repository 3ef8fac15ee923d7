package fpnn

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestDecodeFrameErrors(t *testing.T) {
	valid := unhex(t, goldenPingQuest)
	for name, tc := range map[string]struct {
		b    []byte
		max  int
		want error
	}{
		"empty":        {nil, 0, ErrShortFrame},
		"short header": {valid[:11], 0, ErrShortFrame},
		"short body":   {valid[:len(valid)-1], 0, ErrShortFrame},
		"bad magic":    {patch(valid, 0, 'X'), 0, ErrInvalidFrame},
		"version 2":    {patch(valid, 4, 2), 0, ErrInvalidFrame},
		"no flag":      {patch(valid, 5, 0x20), 0, ErrInvalidFrame},
		"both flags":   {patch(valid, 5, 0xc0), 0, ErrInvalidFrame},
		"mtype 3":      {patch(valid, 6, 3), 0, ErrInvalidFrame},
		"empty method": {patch(valid, 7, 0), 0, ErrInvalidFrame},
		"too large":    {valid, len(valid) - 1, ErrFrameTooLarge},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := DecodeFrame(tc.b, tc.max); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if _, n, err := DecodeFrame(valid, len(valid)); err != nil || n != len(valid) {
		t.Fatalf("frame of exactly the limit: %d, %v", n, err)
	}
}

// The size check uses the header alone, before the body arrives.
func TestDecodeFrameRejectsOversizeFromHeader(t *testing.T) {
	hdr := []byte{'F', 'P', 'N', 'N', 1, FlagMsgpack, byte(Answer), 0, 0, 0, 0x80, 0}
	if _, _, err := DecodeFrame(hdr, 0); !errors.Is(err, ErrFrameTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

func TestFrameRoundTrip(t *testing.T) {
	for _, f := range []Frame{
		{Version: 1, Flag: FlagMsgpack, Type: Twoway, Seq: 0xdeadbeef, Method: "m", Payload: emptyMap},
		{Version: 0, Flag: FlagMsgpack, Type: Oneway, Method: string(bytes.Repeat([]byte("x"), MaxMethodLen)), Payload: mapPayload("a", []byte{1})},
		{Version: 1, Flag: FlagJSON, Type: Answer, Status: 1, Seq: 3, Payload: []byte(`{"code":1}`)},
		{Version: 1, Flag: FlagMsgpack, Type: Answer, Seq: 4, Payload: []byte{}},
	} {
		b, err := AppendFrame([]byte("prefix"), &f)
		if err != nil {
			t.Fatal(err)
		}
		got, n, err := DecodeFrame(b[6:], 0)
		if err != nil || n != len(b)-6 {
			t.Fatalf("decode %+v: n=%d err=%v", f, n, err)
		}
		if got.Version != f.Version || got.Flag != f.Flag || got.Type != f.Type || got.Status != f.Status ||
			got.Seq != f.Seq || got.Method != f.Method || !bytes.Equal(got.Payload, f.Payload) {
			t.Fatalf("round trip\n got %+v\nwant %+v", got, f)
		}
	}
}

func TestAppendFrameValidates(t *testing.T) {
	for name, f := range map[string]Frame{
		"no method":   {Version: 1, Type: Twoway, Payload: emptyMap},
		"long method": {Version: 1, Type: Oneway, Method: string(make([]byte, 256))},
		"mtype 3":     {Version: 1, Type: 3, Method: "m"},
		"both flags":  {Version: 1, Flag: 0xc0, Type: Answer},
		"version 2":   {Version: 2, Type: Answer},
	} {
		if b, err := AppendFrame([]byte{1}, &f); !errors.Is(err, ErrInvalidFrame) || len(b) != 1 {
			t.Errorf("%s: %x, %v", name, b, err)
		}
	}
	// A zero flag means msgpack.
	b, err := AppendFrame(nil, &Frame{Version: 1, Type: Answer, Seq: 1, Payload: emptyMap})
	if err != nil || b[5] != FlagMsgpack {
		t.Fatalf("%x %v", b, err)
	}
}

func TestFrameReader(t *testing.T) {
	var stream []byte
	stream = append(stream, unhex(t, goldenAddGroupMembers)...)
	stream = append(stream, unhex(t, goldenPingQuest)...)
	stream = append(stream, unhex(t, goldenErrorAnswer)...)
	stream, _ = AppendFrame(stream, &Frame{Version: 0, Type: Oneway, Method: "note", Payload: emptyMap})
	r := NewFrameReader(bytes.NewReader(stream), 0)
	var got []*Frame
	for {
		f, err := r.ReadFrame()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f)
	}
	if len(got) != 4 || got[0].Method != "addgroupmembers" || got[1].Method != "*ping" || got[1].Seq != 7 ||
		got[2].Status != 1 || got[3].Type != Oneway || got[3].Method != "note" || got[3].Version != 0 {
		t.Fatalf("frames %+v", got)
	}
	// Payloads are fresh slices, not views of the reader's buffer.
	got[1].Payload[0] = 0xff
	if got[0].Payload[0] != 0x86 {
		t.Fatal("payloads share memory")
	}
	f, _, _ := DecodeFrame(unhex(t, goldenAddGroupMembers), 0)
	if !bytes.Equal(got[0].Payload, f.Payload) {
		t.Fatal("payload differs from DecodeFrame's")
	}
}

func TestFrameReaderErrors(t *testing.T) {
	valid := unhex(t, goldenAddGroupMembers)
	for name, tc := range map[string]struct {
		b    []byte
		max  int
		want error
	}{
		"cut in header":   {valid[:5], 0, io.ErrUnexpectedEOF},
		"cut in seq":      {valid[:14], 0, io.ErrUnexpectedEOF},
		"cut in method":   {valid[:20], 0, io.ErrUnexpectedEOF},
		"cut in payload":  {valid[:len(valid)-1], 0, io.ErrUnexpectedEOF},
		"bad magic":       {patch(valid, 1, 'X'), 0, ErrInvalidFrame},
		"over the limit":  {valid, len(valid) - 1, ErrFrameTooLarge},
		"clean end (EOF)": {nil, 0, io.EOF},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewFrameReader(bytes.NewReader(tc.b), tc.max).ReadFrame()
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestFrameReaderInternsMethods(t *testing.T) {
	var stream []byte
	for range 3 {
		stream = append(stream, unhex(t, goldenPingQuest)...)
	}
	r := NewFrameReader(bytes.NewReader(stream), 0)
	var f Frame
	if err := r.readFrameInto(&f); err != nil { // caches "*ping"
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(1, func() { // runs twice
		if err := r.readFrameInto(&f); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 1 {
		t.Fatalf("%v allocations per frame, want 1 (the payload)", allocs)
	}
}

func TestConnErrorIsConnectionClosed(t *testing.T) {
	err := error(&ConnError{Op: "read", Endpoint: "h:1", Err: io.EOF})
	if !errors.Is(err, ErrConnectionClosed) || !errors.Is(err, io.EOF) {
		t.Fatal("ConnError must match ErrConnectionClosed and its cause")
	}
	if got := err.Error(); got != "fpnn: read h:1: connection closed: EOF" {
		t.Fatalf("Error() = %q", got)
	}
}
