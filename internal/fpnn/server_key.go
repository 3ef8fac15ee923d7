package fpnn

// keyExchangeFunc serves a "*key" quest: from the quest and the bytes
// already read past it (FrameReader.Buffered: ciphertext), it returns the
// sealer for everything this side sends from now on and the source that
// decrypts everything it reads. An error closes the connection.
type keyExchangeFunc func(c *ServerConn, f *Frame, buffered []byte) (frameSealer, frameSource, error)

// exchangeKey switches the connection to encrypted mode, as the C++ server
// does: *key must be the first package; the {} answer already goes out
// sealed.
func (c *ServerConn) exchangeKey(f *Frame, quests int) bool {
	fr, plain := c.src.(*FrameReader)
	if quests != 1 || !plain {
		c.srv.logf("fpnn: closing connection %d from %v: *key is not the first package", c.id, c.nc.RemoteAddr())
		return false
	}
	buffered := append([]byte(nil), fr.Buffered()...)
	sealer, src, err := c.srv.keyExchanger()(c, f, buffered)
	if err != nil {
		c.srv.logf("fpnn: closing connection %d from %v: key exchange: %v", c.id, c.nc.RemoteAddr(), err)
		return false
	}
	c.out.setSealer(sealer)
	c.src = src
	if f.Type == Twoway {
		_ = c.out.appendAnswer(c.ctx, f.Version, f.Flag, f.Seq, emptyMap)
	}
	return true
}
