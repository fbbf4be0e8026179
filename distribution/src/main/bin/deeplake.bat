@echo off
rem Runs the deeplake command from an unpacked distribution.
setlocal
set "DEEPLAKE_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED %JAVA_OPTS% -Ddeeplake.home="%DEEPLAKE_HOME%" -cp "%DEEPLAKE_HOME%\lib\*" ai.deeplake.cli.Main %*
