package rtm

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

func answerPayload(build func(b []byte) []byte) func(context.Context) ([]byte, error) {
	return func(context.Context) ([]byte, error) { return build(nil), nil }
}

func TestIDListsAcceptAnyIntFormat(t *testing.T) {
	tr := &scriptedTransport{fallback: answerPayload(func(b []byte) []byte {
		b = msgpack.AppendMapHeader(b, 1)
		b = msgpack.AppendString(b, "uids")
		b = msgpack.AppendArrayHeader(b, 4)
		b = msgpack.AppendUint(b, 102458) // msgpack-c, as the real server
		b = msgpack.AppendInt(b, 102459)  // ugorji
		b = msgpack.AppendUint(b, 7)      // fixint
		return msgpack.AppendUint(b, 1<<40)
	})}
	c, _ := newScriptedClient(t, Config{}, tr)
	uids, err := c.GetGroupMembers(context.Background(), 1)
	if err != nil || !slices.Equal(uids, []int64{102458, 102459, 7, 1 << 40}) {
		t.Fatalf("GetGroupMembers = %v, %v", uids, err)
	}
}

func TestMissingListsAndInfosReadAsEmpty(t *testing.T) {
	tr := &scriptedTransport{fallback: answerEmpty}
	c, _ := newScriptedClient(t, Config{}, tr)
	if uids, err := c.GetGroupMembers(context.Background(), 1); err != nil || uids == nil || len(uids) != 0 {
		t.Fatalf("GetGroupMembers({}) = %#v, %v", uids, err)
	}
	if gids, err := c.GetUserGroups(context.Background(), 1); err != nil || gids == nil || len(gids) != 0 {
		t.Fatalf("GetUserGroups({}) = %#v, %v", gids, err)
	}
	if info, err := c.GetGroupInfo(context.Background(), 1); err != nil || info != (GroupInfo{}) {
		t.Fatalf("GetGroupInfo({}) = %+v, %v", info, err)
	}
}

func TestOKAcceptsBoolOrInt(t *testing.T) {
	for _, tt := range []struct {
		name  string
		value func([]byte) []byte
		want  bool
	}{
		{"bool true", func(b []byte) []byte { return msgpack.AppendBool(b, true) }, true},
		{"bool false", func(b []byte) []byte { return msgpack.AppendBool(b, false) }, false},
		{"int 1", func(b []byte) []byte { return msgpack.AppendUint(b, 1) }, true},
		{"int 0", func(b []byte) []byte { return msgpack.AppendUint(b, 0) }, false},
	} {
		tr := &scriptedTransport{fallback: answerPayload(func(b []byte) []byte {
			b = msgpack.AppendMapHeader(b, 1)
			b = msgpack.AppendString(b, "ok")
			return tt.value(b)
		})}
		c, _ := newScriptedClient(t, Config{}, tr)
		if got, err := c.IsBanOfGroup(context.Background(), 1, 2); err != nil || got != tt.want {
			t.Errorf("%s: IsBanOfGroup = %v, %v", tt.name, got, err)
		}
	}
}

func TestMalformedAnswers(t *testing.T) {
	strValue := func(key string) func(context.Context) ([]byte, error) {
		return answerPayload(func(b []byte) []byte {
			b = msgpack.AppendMapHeader(b, 1)
			b = msgpack.AppendString(b, key)
			return msgpack.AppendString(b, "not a number")
		})
	}
	tests := []struct {
		name   string
		answer func(context.Context) ([]byte, error)
		call   func(c *Client) error
	}{
		{"missing ok", answerEmpty, func(c *Client) error { _, err := c.IsGroupMember(context.Background(), 1, 2); return err }},
		{"missing cn", answerEmpty, func(c *Client) error { _, err := c.GetGroupCount(context.Background(), 1); return err }},
		{"string cn", strValue("cn"), func(c *Client) error { _, err := c.GetGroupCount(context.Background(), 1); return err }},
		{"string uids", strValue("uids"), func(c *Client) error { _, err := c.GetGroupMembers(context.Background(), 1); return err }},
		{"root not a map", answerPayload(func(b []byte) []byte { return msgpack.AppendArrayHeader(b, 0) }),
			func(c *Client) error { return c.DelGroup(context.Background(), 1) }},
	}
	for _, tt := range tests {
		tr := &scriptedTransport{fallback: tt.answer}
		c, _ := newScriptedClient(t, Config{MaxRetries: 3}, tr)
		err := tt.call(c)
		if !errors.Is(err, ErrMalformedAnswer) || IsRetryable(err) || tr.calls() != 1 {
			t.Errorf("%s: err %v after %d quests; want ErrMalformedAnswer at once", tt.name, err, tr.calls())
		}
	}
}

func TestBanSeconds(t *testing.T) {
	for d, want := range map[time.Duration]int64{
		0: 0, -5 * time.Second: 0, 1: 1, time.Second: 1, time.Second + 1: 2, 1500 * time.Millisecond: 2,
		time.Hour: 3600, 1 << 62: 1<<31 - 1,
	} {
		if got := banSeconds(d); got != want {
			t.Errorf("banSeconds(%v) = %d, want %d", d, got, want)
		}
	}
}
