-module(public_key_cert_decode_roundtrip).
-export([main/0]).
-include_lib("public_key/include/public_key.hrl").

%% public_key over asn1rt_nif's BER decoder and encoder: a PEM bundle (a server
%% certificate with an RSA key and subjectAltName, its EC root, the RSA key; made once
%% with public_key:pkix_test_data/1 on the VM) decoded as plain and otp certificates and
%% as a key, its fields, encoded back to the same bytes, issuer/subject checks, and the
%% errors for bad DER.

pem() ->
    <<"-----BEGIN CERTIFICATE-----
MIIChDCCAiCgAwIBAgIBAzAUBggqhkjOPQQDAgYIKoZIzj0DAQcwgYgxHzAdBgkq
hkiG9w0BCQEWEHJvb3RAZXhhbXBsZS5vcmcxFzAVBgNVBAMTDlNFUlZFUiBST09U
IENBMRIwEAYDVQQHEwlTdG9ja2hvbG0xCzAJBgNVBAYTAlNFMQ8wDQYDVQQKEwZl
cmxhbmcxGjAYBgNVBAsTEWF1dG9tYXRlZCB0ZXN0aW5nMB4XDTI2MTIwNjEzMDAw
MFoXDTI2MTIxNDEzMDAwMFowgYsxIDAeBgkqhkiG9w0BCQEWEWFkbWluQGV4YW1w
bGUub3JnMRkwFwYDVQQDExBzZXJ2ZXIgUGVlciBjZXJ0MRIwEAYDVQQHEwlTdG9j
a2hvbG0xCzAJBgNVBAYTAlNFMQ8wDQYDVQQKEwZlcmxhbmcxGjAYBgNVBAsTEWF1
dG9tYXRlZCB0ZXN0aW5nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCrk/Ny
NHbMr34zVezE4PWm27QZ9UKpA6Yp+PkF/ObRUY+bcfSb7zDXpyNeOCRPch65uEwL
G+k6SSeoKg5tB5UG9O4V4kjdoEId4c6LEc9soWW16L10UdTI75j2t5snzkqN9HCw
Jf9kx5lM3OaB51+GuVxZVDyD1lj3bOZwivgggwIDAQABoyUwIzAUBgNVHREEDTAL
gglsb2NhbGhvc3QwCwYDVR0PBAQDAgOIMBQGCCqGSM49BAMCBggqhkjOPQMBBwNI
ADBFAiEA1Ky567mwe2dzs5zxhYho6k5+AToKiMFY+1Eep/yuuOMCIDoF+USZ/dvf
r/mNEV28vV5Mx6W/ih8U7EdbqzXv7kX5
-----END CERTIFICATE-----

-----BEGIN CERTIFICATE-----
MIICNDCCAdCgAwIBAgIBAjATBgcqhkjOPQQBBggqhkjOPQMBBzCBiDEfMB0GCSqG
SIb3DQEJARYQcm9vdEBleGFtcGxlLm9yZzEXMBUGA1UEAxMOQ0xJRU5UIFJPT1Qg
Q0ExEjAQBgNVBAcTCVN0b2NraG9sbTELMAkGA1UEBhMCU0UxDzANBgNVBAoTBmVy
bGFuZzEaMBgGA1UECxMRYXV0b21hdGVkIHRlc3RpbmcwHhcNMjYxMjA2MTMwMDAw
WhcNMjYxMjE0MTMwMDAwWjCBiDEfMB0GCSqGSIb3DQEJARYQcm9vdEBleGFtcGxl
Lm9yZzEXMBUGA1UEAxMOQ0xJRU5UIFJPT1QgQ0ExEjAQBgNVBAcTCVN0b2NraG9s
bTELMAkGA1UEBhMCU0UxDzANBgNVBAoTBmVybGFuZzEaMBgGA1UECxMRYXV0b21h
dGVkIHRlc3RpbmcwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATJvBapHB+CEIo0
G3z/8r/833jrAboEINDHS1tL0/euOuQx8UwFCIZGsc7teeJT8JO/LaJjRJbSEIDt
yDICuhsyoyAwHjALBgNVHQ8EBAMCAQYwDwYDVR0TAQH/BAUwAwEB/zATBgcqhkjO
PQQBBggqhkjOPQMBBwNJADBGAiEAn/9J16uQU5lyv3+RJccoPIDgx+6GLkrDVRRq
cMvvnhQCIQDkaD/yiPbx6mB2A0C1C8vS407EqWsGp7E2rKtoQ9486Q==
-----END CERTIFICATE-----

-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQCrk/NyNHbMr34zVezE4PWm27QZ9UKpA6Yp+PkF/ObRUY+bcfSb
7zDXpyNeOCRPch65uEwLG+k6SSeoKg5tB5UG9O4V4kjdoEId4c6LEc9soWW16L10
UdTI75j2t5snzkqN9HCwJf9kx5lM3OaB51+GuVxZVDyD1lj3bOZwivgggwIDAQAB
AoGANnqGvQdthTZfwtsQj77CIRX3jJp0bQfslb0pDL6tZ18XUwsO2QhMoNy//SWk
WdlpahzbgFd/aXNa9SlNZU8YARVU/PI83/V/L13KselEZ0XOakyDumo5kppY3WKO
2yCyUsFxBMzpRsZDD24+1rj5wDFdSsJMOi7OwnydTjSHzDECQQDXkzUUDOB63Od1
ECo5wU88Z7MYFgEDXi3ZmJtmKLfcdC8T6veYtValMQL9UKoYRYsWNtDgW1/9vKwk
hz1NC3i5AkEAy8Cj0eo5khwQfAwL+5F16E/CSjzzHcuXundMn7laHQzQud7/CHWr
xTTnxUFDvW3xzmh3/B22AplmPrFFgCkNGwJAc5n1NLNTDY+4bwYkHqSTIQla+OeT
04KFg9JaQwZC0m1bcYrnC3Ty6dLGj6DaFfn1BAyRJj7Z0u+CQHRlYxNrwQJBAIwq
+UfmhzZxohGERBYLan6np/RkW6eqsLWxboAPBeQoNcs4kmAie0mObMdxb4V4hjnF
+ozxb434M7N7RmG1W/MCQQCs/xJuLbNCtDNJDFvNgXvsbcKP0KAVL2Ryaab0XMrp
SXaTYmG94gW3yPQ3Ytc+kJXoy0/go4bawwnRDSBD5bUb
-----END RSA PRIVATE KEY-----
">>.

main() ->
    Entries = public_key:pem_decode(pem()),
    io:format("~w~n", [[{T, byte_size(D), E} || {T, D, E} <- Entries]]),
    [{'Certificate', Der, not_encrypted}, {'Certificate', CaDer, not_encrypted}, {'RSAPrivateKey', KeyDer, not_encrypted} = KeyEntry] = Entries,
    Plain = public_key:pkix_decode_cert(Der, plain),
    #'Certificate'{tbsCertificate = Tbs, signatureAlgorithm = SigAlg} = Plain,
    io:format("~p~n", [Tbs#'TBSCertificate'.version]),
    io:format("~p~n", [Tbs#'TBSCertificate'.issuer]),
    io:format("~p~n", [Tbs#'TBSCertificate'.validity]),
    io:format("~p~n", [SigAlg]),
    Otp = public_key:pkix_decode_cert(Der, otp),
    #'OTPCertificate'{tbsCertificate = OTbs, signatureAlgorithm = OSig} = Otp,
    io:format("~p~n", [OSig]),
    io:format("~p~n", [OTbs#'OTPTBSCertificate'.subject]),
    io:format("~p~n", [OTbs#'OTPTBSCertificate'.serialNumber]),
    io:format("~p~n", [OTbs#'OTPTBSCertificate'.subjectPublicKeyInfo]),
    io:format("~p~n", [OTbs#'OTPTBSCertificate'.extensions]),
    Ca = public_key:pkix_decode_cert(CaDer, otp),
    io:format("~p~n", [(Ca#'OTPCertificate'.tbsCertificate)#'OTPTBSCertificate'.subjectPublicKeyInfo]),
    io:format("encode plain ~w, otp ~w~n", [public_key:pkix_encode('Certificate', Plain, plain) =:= Der,
                                           public_key:pkix_encode('OTPCertificate', Otp, otp) =:= Der]),
    io:format("der_decode ~w~n", [public_key:der_decode('Certificate', Der) =:= Plain]),
    io:format("self-signed ~w ~w, issuer ~w ~w~n",
              [public_key:pkix_is_self_signed(Ca), public_key:pkix_is_self_signed(Otp),
               public_key:pkix_is_issuer(Otp, Ca), public_key:pkix_is_issuer(Ca, Otp)]),
    io:format("~p~n", [public_key:pkix_issuer_id(Otp, other)]),
    io:format("~p~n", [public_key:pkix_subject_id(Der)]),
    io:format("~p~n", [public_key:pkix_normalize_name(OTbs#'OTPTBSCertificate'.issuer)]),
    Key = public_key:pem_entry_decode(KeyEntry),
    #'RSAPrivateKey'{modulus = N, publicExponent = E, privateExponent = D} = Key,
    io:format("key ~w ~w ~w~n", [N rem 1000000007, E, D rem 1000000007]),
    io:format("key der ~w pem ~w~n", [public_key:der_encode('RSAPrivateKey', Key) =:= KeyDer,
                                      public_key:pem_entry_encode('RSAPrivateKey', Key) =:= KeyEntry]),
    Pub = #'RSAPublicKey'{modulus = N, publicExponent = E},
    PubDer = public_key:der_encode('RSAPublicKey', Pub),
    io:format("pub ~w ~w~n", [byte_size(PubDer), public_key:der_decode('RSAPublicKey', PubDer) =:= Pub]),
    SPKI = public_key:pem_entry_encode('SubjectPublicKeyInfo', Pub),
    io:format("spki ~w ~w~n", [element(1, SPKI), public_key:pem_entry_decode(SPKI) =:= Pub]),
    Pem = public_key:pem_encode(Entries),
    io:format("pem ~w ~w~n", [public_key:pem_decode(Pem) =:= Entries, <<Pem/binary, "\n">> =:= pem()]),
    lists:foreach(fun(Bad) ->
                          io:format("~w~n", [try public_key:der_decode('Certificate', Bad) of
                                                  _ -> ok
                                              catch C:R -> {C, element(1, R)}
                                              end])
                  end, [<<>>, <<1, 2, 3>>, binary:part(Der, 0, 100), <<16#30, 0>>]),
    io:format("~p~n", [try public_key:pkix_decode_cert(<<16#30, 3, 2, 1, 5>>, otp)
                       catch error:{badmatch, {error, {asn1, {Why, _Where}}}} -> Why
                       end]).
