import Config

config :counter, initial: 10, greeting: "Hello"
config :greeter, punctuation: "?!"
