/**
 * Passwords that top the public breach lists (plus a few Nordic variants and the
 * product's own name), lower-cased. Only those of 10 or more characters are listed:
 * shorter ones already fail the length rule. A password is refused if it is one of
 * these in any letter case.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
	`
0000000000 0123456789 0987654321 1111111111 1234567890 1234567891 12345678910 123456789a
1234567899 123123123123 1231231234 1234512345 1234qwerty 123qweasdzxc 1q2w3e4r5t 1q2w3e4r5t6y
1qaz2wsx3edc 1qazxsw23edc 2222222222 5555555555 7777777777 8888888888 9876543210 987654321a
9999999999 a123456789 a1b2c3d4e5 aa12345678 abc1234567 abcd123456 abcdefghij admin12345
admin123456 adminadmin administrator administrator1 asdfasdfasdf asdfghjkl1 asdfghjkl123
baseball123 changeme123 computer123 dragon1234 football123 hejsan1234 iloveyou12 iloveyou123
letmein123 letmein1234 losenord123 lösenord123 lösenord1234 losenord1234 monkey1234 mypassword
mypassword1 passord123 passord1234 passw0rd12 passw0rd123 password01 password12 password123
password1234 password12345 password123456 password1! passwordpassword princess12 princess123
q1w2e3r4t5 q1w2e3r4t5y6 qazwsxedc123 qwerty1234 qwerty12345 qwerty123456 qwertyqwerty
qwertyuiop qwertyuiop123 qweasdzxc123 samla12345 samla123456 samlasamla secretpassword
sommar1234 sommar2024 sommar2025 starwars123 sunshine123 superman123 trustno1234 vinter2024
welcome123 welcome1234 zaq12wsxcde zxcvbnm123 zxcvbnmasd
`
		.split(/\s+/)
		.filter(Boolean)
);
