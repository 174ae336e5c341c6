%% known: public_key:sign/verify, pkix_verify and pkix_test_data need crypto's public-key NIFs (crypto:pkey_sign_nif/5, pkey_verify_nif/6, rsa_generate_key_nif/2, ec_generate_key_nif/2), which beamwasm does not implement (docs/LIMITATIONS.md, public_key)
-module(public_key_sign_verify).
-export([main/0]).
-include_lib("public_key/include/public_key.hrl").

%% Signing and verifying with public_key: an RSA PKCS#1 v1.5 signature (deterministic)
%% made and checked, a certificate's ECDSA signature checked against its issuer's key,
%% and a test chain made with pkix_test_data/1. The key and certificates were made once
%% with pkix_test_data/1 on the VM.

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
    [{_, Der, _}, {_, CaDer, _}, KeyEntry] = public_key:pem_decode(pem()),
    Key = public_key:pem_entry_decode(KeyEntry),
    Pub = #'RSAPublicKey'{modulus = Key#'RSAPrivateKey'.modulus,
                          publicExponent = Key#'RSAPrivateKey'.publicExponent},
    Sig = public_key:sign(<<"hello">>, sha256, Key),
    io:format("~w ~w~n", [byte_size(Sig), erlang:crc32(Sig)]),
    io:format("~w ~w~n", [public_key:verify(<<"hello">>, sha256, Sig, Pub),
                          public_key:verify(<<"hellO">>, sha256, Sig, Pub)]),
    Ca = public_key:pkix_decode_cert(CaDer, otp),
    #'OTPSubjectPublicKeyInfo'{algorithm = #'PublicKeyAlgorithm'{parameters = Params},
                               subjectPublicKey = Point} =
        (Ca#'OTPCertificate'.tbsCertificate)#'OTPTBSCertificate'.subjectPublicKeyInfo,
    io:format("~w ~w~n", [public_key:pkix_verify(Der, {Point, Params}), public_key:pkix_verify(CaDer, {Point, Params})]),
    #{server_config := S} = public_key:pkix_test_data(#{server_chain => #{root => [{key, {namedCurve, secp256r1}}], intermediates => [], peer => [{key, {namedCurve, secp256r1}}]},
                                                        client_chain => #{root => [{key, {namedCurve, secp256r1}}], intermediates => [], peer => [{key, {namedCurve, secp256r1}}]}}),
    io:format("~w~n", [lists:sort(proplists:get_keys(S))]).
