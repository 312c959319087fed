// Every Dapper call in this assembly is replaced at build time by code Dapper.AOT generates for it
// (an interceptor), so no call reaches Dapper's runtime reflection and IL emission, which Native AOT
// cannot run (README, "Data access and Native AOT"). A call it cannot take fails the build: see
// .editorconfig and BannedSymbols.txt in this project.
[module: Dapper.DapperAot]
