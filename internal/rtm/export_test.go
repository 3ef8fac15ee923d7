package rtm

// SetBatchConcurrency lets benchmarks in package rtm_test compare how many
// chunks of one member list are sent at once.
func SetBatchConcurrency(c *Client, n int) { c.batchConcurrency = n }
