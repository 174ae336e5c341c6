//! TLS over the TCP effect's streams (docs/ABI.md §6, "The host channel: TLS"): `tls_start`
//! turns a connected socket into a rustls client or server connection. From then on the
//! socket's `{tls_data, Bin}` events carry plaintext (raw bytes the driver got before the
//! start come back with `tls_feed`), `tcp_send` encrypts, and `tcp_close` /
//! `tcp_shutdown` send the close_notify alert first. The end of the handshake is the event
//! `tls_ready`; its failure is `{tls_error, Alert, local | remote}`, with `Alert` the name
//! OTP's ssl gives the TLS alert (`unknown_ca`, `handshake_failure`, ...), `local` when
//! this side raised it.
//!
//! The trust anchors of a client are the certificates the program passes (`cacerts`, or
//! `cacertfile` read by the runtime's `ssl`), or, when it passes none and does not turn
//! verification off, the host's store (`host` in the request): the system's certificates
//! as `rustls-native-certs` finds them (`SSL_CERT_FILE` / `SSL_CERT_DIR` when set), read
//! once per process (docs/ARCHITECTURE.md, "TLS").

use std::sync::{Arc, OnceLock};

use beam::Term;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{AlertDescription, CertificateError, ClientConfig, Connection, DigitallySignedStruct, Error, RootCertStore, ServerConfig, SignatureScheme};

/// What a client trusts.
enum Trust {
    /// The certificates the program gave.
    Given(Vec<CertificateDer<'static>>),
    /// The host's store.
    Host,
}

/// What `tls_start` asks: `{client | server, Name, Verify, CaCerts | host, Certs, Key}`.
pub struct Request {
    server: bool,
    /// The name checked against the server's certificate and sent as SNI (client).
    name: Option<ServerName<'static>>,
    verify: bool,
    ca: Trust,
    certs: Vec<CertificateDer<'static>>,
    key: Option<PrivateKeyDer<'static>>,
}

impl Request {
    /// Reads the request's term; `None` when it is malformed.
    pub fn parse(t: &Term) -> Option<Request> {
        let Term::Tuple(v) = t else { return None };
        let [role, name, verify, ca, certs, key] = v.as_slice() else { return None };
        let server = match role.as_atom()? {
            "server" => true,
            "client" => false,
            _ => return None,
        };
        let name = match name {
            Term::Binary(b) => Some(ServerName::try_from(String::from_utf8(b.clone()).ok()?).ok()?),
            Term::Tuple(_) => Some(ServerName::IpAddress(super::ip_of(name)?.into())),
            _ => None,
        };
        let verify = verify.as_atom()? == "true";
        let ders = |t: &Term| -> Option<Vec<CertificateDer<'static>>> {
            t.as_proper_list()?
                .iter()
                .map(|c| match c {
                    Term::Binary(b) => Some(CertificateDer::from(b.clone())),
                    _ => None,
                })
                .collect()
        };
        let key = match key {
            Term::Tuple(k) => match k.as_slice() {
                [kind, Term::Binary(der)] => Some(match kind.as_atom()? {
                    "RSAPrivateKey" => PrivateKeyDer::Pkcs1(der.clone().into()),
                    "ECPrivateKey" => PrivateKeyDer::Sec1(der.clone().into()),
                    "PrivateKeyInfo" => PrivateKeyDer::Pkcs8(der.clone().into()),
                    _ => return None,
                }),
                _ => return None,
            },
            _ => None,
        };
        let ca = match ca.as_atom() {
            Some("host") => Trust::Host,
            _ => Trust::Given(ders(ca)?),
        };
        Some(Request { server, name, verify, ca, certs: ders(certs)?, key })
    }

    /// The rustls connection, or the alert name OTP gives a bad configuration.
    pub fn connect(self) -> Result<Connection, String> {
        // ring, not aws-lc-rs (rustls's default): it builds with a C compiler alone. rustls
        // 0.23.48 deprecates its provider for lacking post-quantum key exchange; the
        // classical groups (X25519, P-256, P-384) are what OTP 25's ssl offers too.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        if self.server {
            let key = self.key.ok_or("no key")?;
            let config = ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .with_no_client_auth()
                .with_single_cert(self.certs, key)
                .map_err(|e| e.to_string())?;
            let mut conn = rustls::ServerConnection::new(Arc::new(config)).map_err(|e| e.to_string())?;
            // A send of any size is taken whole, as gen_tcp's is: the socket's own output
            // queue holds what the peer has not taken yet.
            conn.set_buffer_limit(None);
            return Ok(Connection::Server(conn));
        }
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?;
        let builder = if self.verify {
            let roots = match self.ca {
                Trust::Host => host_roots(),
                Trust::Given(ca) => {
                    let mut roots = RootCertStore::empty();
                    for c in ca {
                        roots.add(c).map_err(|e| e.to_string())?;
                    }
                    Arc::new(roots)
                }
            };
            let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone()).build().map_err(|e| e.to_string())?;
            match self.name {
                Some(_) => builder.with_webpki_verifier(webpki),
                // `{server_name_indication, disable}`: OTP checks the chain and not the name.
                None => builder.dangerous().with_custom_certificate_verifier(Arc::new(NoNameCheck(webpki))),
            }
        } else {
            builder.dangerous().with_custom_certificate_verifier(Arc::new(NoVerify(provider)))
        };
        let mut config = match (self.certs.is_empty(), self.key) {
            (false, Some(key)) => builder.with_client_auth_cert(self.certs, key).map_err(|e| e.to_string())?,
            _ => builder.with_no_client_auth(),
        };
        config.enable_sni = self.name.is_some();
        // Without a name (SNI disabled, or no host), any name will do: nothing checks it and
        // no SNI is sent.
        let name = self.name.unwrap_or(ServerName::IpAddress(std::net::IpAddr::from([127, 0, 0, 1]).into()));
        let mut conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
        conn.set_buffer_limit(None);
        Ok(Connection::Client(conn))
    }
}

/// The host's trust store, read once: what `rustls-native-certs` finds (the certificates it
/// cannot parse are left out; none found is an empty store, which trusts nobody).
fn host_roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let mut roots = RootCertStore::empty();
            let found = rustls_native_certs::load_native_certs();
            let _ = roots.add_parsable_certificates(found.certs);
            Arc::new(roots)
        })
        .clone()
}

/// A verifier that checks the chain and not the name (OTP's `{server_name_indication,
/// disable}`): webpki checks the chain first, so a name mismatch means the chain was good.
#[derive(Debug)]
struct NoNameCheck(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for NoNameCheck {
    fn verify_server_cert(
        &self,
        end: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        match self.0.verify_server_cert(end, intermediates, name, ocsp, now) {
            Err(Error::InvalidCertificate(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. })) => {
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls12_signature(m, c, d)
    }

    fn verify_tls13_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls13_signature(m, c, d)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `{verify, verify_none}`: the server's certificate is not checked, its signatures are.
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(m, c, d, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(&self, m: &[u8], c: &CertificateDer<'_>, d: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(m, c, d, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The TLS alert OTP's ssl reports for a rustls error, and whether this side raised it.
pub fn alert_of(e: &Error) -> (&'static str, bool) {
    match e {
        Error::AlertReceived(a) => (alert_name(*a), false),
        Error::InvalidCertificate(c) => (
            match c {
                // A chain that does not lead to a trusted certificate, also when a trusted
                // one has the issuer's name but did not sign it: OTP says unknown_ca.
                CertificateError::UnknownIssuer | CertificateError::BadSignature => "unknown_ca",
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => "certificate_expired",
                CertificateError::Revoked => "certificate_revoked",
                // OTP's hostname check fails the handshake as handshake_failure.
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => "handshake_failure",
                _ => "bad_certificate",
            },
            true,
        ),
        Error::PeerIncompatible(_) | Error::NoCertificatesPresented => ("handshake_failure", true),
        Error::DecryptError => ("decrypt_error", true),
        _ => ("unexpected_message", true),
    }
}

fn alert_name(a: AlertDescription) -> &'static str {
    match a {
        AlertDescription::CloseNotify => "close_notify",
        AlertDescription::UnexpectedMessage => "unexpected_message",
        AlertDescription::BadRecordMac => "bad_record_mac",
        AlertDescription::RecordOverflow => "record_overflow",
        AlertDescription::HandshakeFailure => "handshake_failure",
        AlertDescription::BadCertificate => "bad_certificate",
        AlertDescription::UnsupportedCertificate => "unsupported_certificate",
        AlertDescription::CertificateRevoked => "certificate_revoked",
        AlertDescription::CertificateExpired => "certificate_expired",
        AlertDescription::CertificateUnknown => "certificate_unknown",
        AlertDescription::IllegalParameter => "illegal_parameter",
        AlertDescription::UnknownCA => "unknown_ca",
        AlertDescription::AccessDenied => "access_denied",
        AlertDescription::DecodeError => "decode_error",
        AlertDescription::DecryptError => "decrypt_error",
        AlertDescription::ProtocolVersion => "protocol_version",
        AlertDescription::InsufficientSecurity => "insufficient_security",
        AlertDescription::InternalError => "internal_error",
        AlertDescription::UserCanceled => "user_canceled",
        AlertDescription::MissingExtension => "missing_extension",
        AlertDescription::UnsupportedExtension => "unsupported_extension",
        AlertDescription::UnrecognisedName => "unrecognized_name",
        AlertDescription::CertificateRequired => "certificate_required",
        AlertDescription::NoApplicationProtocol => "no_application_protocol",
        _ => "handshake_failure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(role: &str, key: Term) -> Term {
        Term::tuple(vec![
            Term::atom(role),
            Term::Binary(b"localhost".to_vec()),
            Term::atom("false"),
            Term::Nil,
            Term::Nil,
            key,
        ])
    }

    #[test]
    fn a_malformed_tls_start_request_is_refused_not_a_panic() {
        assert!(Request::parse(&Term::atom("client")).is_none());
        assert!(Request::parse(&req("peer", Term::atom("undefined"))).is_none());
        let bad_key = Term::tuple(vec![Term::atom("DSAPrivateKey"), Term::Binary(vec![1])]);
        assert!(Request::parse(&req("server", bad_key)).is_none());
        assert!(Request::parse(&req("client", Term::atom("undefined"))).is_some());
    }

    #[test]
    fn a_server_without_a_key_is_an_options_error() {
        let Some(r) = Request::parse(&req("server", Term::atom("undefined"))) else { panic!("parses") };
        assert!(r.connect().is_err());
    }

    #[test]
    fn a_verify_none_client_makes_a_connection_that_wants_to_send_its_hello() {
        let Some(r) = Request::parse(&req("client", Term::atom("undefined"))) else { panic!("parses") };
        let Ok(c) = r.connect() else { panic!("connects") };
        assert!(c.wants_write() && c.is_handshaking());
    }

    #[test]
    fn a_client_without_ca_certificates_verifies_against_the_host_store() {
        let mut r = req("client", Term::atom("undefined"));
        if let Term::Tuple(v) = &mut r {
            v[2] = Term::atom("true");
            v[3] = Term::atom("host");
        }
        let Some(parsed) = Request::parse(&r) else { panic!("parses") };
        assert!(matches!(parsed.ca, Trust::Host) && parsed.verify);
        let Ok(c) = parsed.connect() else { panic!("connects") };
        assert!(c.wants_write() && c.is_handshaking());
    }

    #[test]
    fn rustls_errors_get_the_alert_names_otp_reports() {
        assert_eq!(alert_of(&Error::InvalidCertificate(CertificateError::UnknownIssuer)), ("unknown_ca", true));
        assert_eq!(alert_of(&Error::InvalidCertificate(CertificateError::BadSignature)), ("unknown_ca", true));
        assert_eq!(alert_of(&Error::InvalidCertificate(CertificateError::NotValidForName)), ("handshake_failure", true));
        assert_eq!(alert_of(&Error::AlertReceived(AlertDescription::UnknownCA)), ("unknown_ca", false));
        assert_eq!(alert_of(&Error::AlertReceived(AlertDescription::BadCertificate)), ("bad_certificate", false));
    }
}
