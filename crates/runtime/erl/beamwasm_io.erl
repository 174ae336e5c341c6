%% The I/O servers behind standard_io (registered as `user`) and standard_error. They speak
%% the Erlang I/O protocol and answer as OTP's `user` server does, writing through the
%% host. The device encoding is unicode, as under `elixir`.
-module(beamwasm_io).
-export([start/0, server/1]).

%% Starts both servers and returns the one for standard output.
start() ->
    Out = spawn(?MODULE, server, [1]),
    register(user, Out),
    Err = spawn(?MODULE, server, [2]),
    register(standard_error, Err),
    Out.

server(Fd) ->
    receive
        {io_request, From, ReplyAs, Request} ->
            Reply = request(Request, Fd),
            From ! {io_reply, ReplyAs, Reply},
            server(Fd);
        _ ->
            server(Fd)
    end.

request({put_chars, unicode, Chars}, Fd) ->
    put_chars(Chars, unicode, Fd);
request({put_chars, latin1, Chars}, Fd) ->
    put_chars(Chars, latin1, Fd);
request({put_chars, Enc, M, F, A}, Fd) when Enc =:= unicode; Enc =:= latin1 ->
    case catch apply(M, F, A) of
        Data when is_list(Data); is_binary(Data) -> put_chars(Data, Enc, Fd);
        _ -> {error, F}
    end;
request({put_chars, Chars}, Fd) ->
    put_chars(Chars, latin1, Fd);
request({put_chars, M, F, A}, Fd) ->
    request({put_chars, latin1, M, F, A}, Fd);
request({requests, Requests}, Fd) ->
    requests(Requests, ok, Fd);
request(getopts, _Fd) ->
    [{binary, true}, {encoding, unicode}];
request({setopts, _Opts}, _Fd) ->
    ok;
request({get_geometry, _}, _Fd) ->
    {error, enotsup};
request({get_line, _Enc, _Prompt}, _Fd) ->
    eof;
request({get_chars, _Enc, _Prompt, _N}, _Fd) ->
    eof;
request({get_until, _Enc, _Prompt, _M, _F, _A}, _Fd) ->
    eof;
request(Other, _Fd) ->
    {error, {request, Other}}.

requests([R | Rs], ok, Fd) ->
    requests(Rs, request(R, Fd), Fd);
requests([_ | _], Error, _Fd) ->
    Error;
requests([], Status, _Fd) ->
    Status.

put_chars(Chars, Enc, Fd) ->
    case catch unicode:characters_to_binary(Chars, Enc, unicode) of
        Bin when is_binary(Bin) ->
            beamwasm_rt:write(Fd, Bin),
            ok;
        _ ->
            {error, put_chars}
    end.
