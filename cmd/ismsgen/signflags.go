package main

import (
	"flag"

	"github.com/ismsgen/ismsgen/generator/build"
)

// p12PasswordEnv names the variable that holds a PKCS#12 password: never a flag, since
// command lines are visible to every user of the machine.
const p12PasswordEnv = "ISMSGEN_P12_PASSWORD"

type signingFlagValues struct{ cert, key, p12 *string }

// signingFlags adds --cert, --key and --p12 to a command.
func signingFlags(fs *flag.FlagSet) signingFlagValues {
	return signingFlagValues{
		cert: fs.String("cert", "", "signing certificate (PEM, may hold the chain); overrides signing: in data/site.yaml"),
		key:  fs.String("key", "", "signing private key (PEM, must not be group- or world-readable)"),
		p12:  fs.String("p12", "", "signing key and chain as PKCS#12; the password is read from $"+p12PasswordEnv),
	}
}

func (v signingFlagValues) resolve(s *stdio) build.Signing {
	return build.Signing{Cert: *v.cert, Key: *v.key, P12: *v.p12, P12Password: s.env(p12PasswordEnv)}
}
