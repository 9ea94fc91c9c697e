package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Timing: when a schedule's runs come due. schedule.every is a fixed
// rate from its start (run k at start + k*interval, however long the
// runs take); schedule.cron is robfig/cron's reading of a cron spec.

// timing says when the next run after t comes due (the zero time: never).
type timing interface {
	Next(t time.Time) time.Time
}

// every is a fixed interval.
type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

// cronParser reads the standard five fields, an optional leading seconds
// field, and descriptors (@hourly, @daily, @every 10m, ...).
var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// parseCron reads a cron spec, in timezone tz (an IANA name; "" is the
// machine's local time, UTC in a container) unless the spec names its
// own with CRON_TZ= or TZ=.
func parseCron(spec, tz string) (timing, error) {
	spec = strings.TrimSpace(spec)
	if tz != "" {
		if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
			return nil, fmt.Errorf("cron spec %q names a timezone, and so does the timezone option", spec)
		}
		if _, err := time.LoadLocation(tz); err != nil {
			return nil, fmt.Errorf("timezone %q: not an IANA timezone name such as \"Europe/Paris\"", tz)
		}
		spec = "CRON_TZ=" + tz + " " + spec
	}
	s, err := cronParser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("cron spec %q: %w", spec, err)
	}
	if s.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("cron spec %q never comes due", spec)
	}
	return s, nil
}
