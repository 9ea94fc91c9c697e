package schedule

import (
	"testing"
	"time"
)

func TestParseCron(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2025, 3, 10, 10, 7, 30, 0, time.UTC) // a Monday
	tests := []struct {
		spec, tz string
		want     time.Time
	}{
		{"*/15 * * * *", "", time.Date(2025, 3, 10, 10, 15, 0, 0, time.UTC)},
		{"*/20 * * * * *", "", time.Date(2025, 3, 10, 10, 7, 40, 0, time.UTC)},
		{"0 9 * * 1-5", "Europe/Paris", time.Date(2025, 3, 11, 9, 0, 0, 0, paris)},
		{"CRON_TZ=Europe/Paris 0 12 * * *", "", time.Date(2025, 3, 10, 12, 0, 0, 0, paris)},
		{"@hourly", "", time.Date(2025, 3, 10, 11, 0, 0, 0, time.UTC)},
		{"@daily", "UTC", time.Date(2025, 3, 11, 0, 0, 0, 0, time.UTC)},
		{"@every 10m", "", from.Add(10 * time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.spec+" "+tt.tz, func(t *testing.T) {
			s, err := parseCron(tt.spec, tt.tz)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Next(from.In(time.Local)); !got.Equal(tt.want) {
				t.Errorf("Next(%s) = %s, want %s", from, got, tt.want)
			}
		})
	}
}

func TestParseCronErrors(t *testing.T) {
	tests := []struct{ spec, tz, want string }{
		{"* * *", "", `cron spec "* * *": expected 5 to 6 fields, found 3: [* * *]`},
		{"61 * * * *", "", `cron spec "61 * * * *": end of range (61) above maximum (59): 61`},
		{"@fortnightly", "", `cron spec "@fortnightly": unrecognized descriptor: @fortnightly`},
		{"0 0 30 2 *", "", `cron spec "0 0 30 2 *" never comes due`},
		{"0 * * * *", "Mars/Olympus", `timezone "Mars/Olympus": not an IANA timezone name such as "Europe/Paris"`},
		{"TZ=UTC 0 * * * *", "UTC", `cron spec "TZ=UTC 0 * * * *" names a timezone, and so does the timezone option`},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := parseCron(tt.spec, tt.tz)
			if err == nil || err.Error() != tt.want {
				t.Errorf("parseCron(%q, %q) = %v, want %q", tt.spec, tt.tz, err, tt.want)
			}
		})
	}
}
