package main

import (
	"flag"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/sign"
)

// p12PasswordEnv names the variable that holds a PKCS#12 password: never a flag, since
// command lines are visible to every user of the machine.
const p12PasswordEnv = "ISMSGEN_P12_PASSWORD"

type signingFlagValues struct{ cert, key, p12, tsa *string }

// signingFlags adds --cert, --key, --p12 and --tsa to a command.
func signingFlags(fs *flag.FlagSet) signingFlagValues {
	return signingFlagValues{
		cert: fs.String("cert", "", "signing certificate (PEM, may hold the chain); overrides signing: in data/site.yaml"),
		key:  fs.String("key", "", "signing private key (PEM, must not be group- or world-readable)"),
		p12:  fs.String("p12", "", "signing key and chain as PKCS#12; the password is read from $"+p12PasswordEnv),
		tsa:  fs.String("tsa", "", "URL of an RFC 3161 time-stamping authority that timestamps each pack's signature (PAdES B-T);\noverrides signing: {tsa: } in data/site.yaml. Without either, signing stays offline and reproducible"),
	}
}

// timestampAuthority returns the --tsa URL after checking it, "" when not given.
func (v signingFlagValues) timestampAuthority() (string, error) {
	if *v.tsa == "" {
		return "", nil
	}
	if err := sign.CheckTSAURL(*v.tsa); err != nil {
		return "", usagef("--tsa: %v", err)
	}
	return *v.tsa, nil
}

func (v signingFlagValues) resolve(s *stdio) build.Signing {
	return build.Signing{Cert: *v.cert, Key: *v.key, P12: *v.p12, P12Password: s.env(p12PasswordEnv)}
}
