// The `exam` command; its item bank commands arrive with the item bank.
Console.Error.WriteLine("usage: exam itembank <lint|import|export|stats> <dir>");
return 2;
